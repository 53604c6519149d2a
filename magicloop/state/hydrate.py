"""A page load or a reconnect starts from an empty page.

Hydrating sends the tab's whole server-side state to the browser before the page's on_load
handlers have asked whether the person may still see any of it. So what the pages showed is
forgotten first, and the on_load handlers load what this person may see now; when the browser
no longer holds the session the tab was last used with, everything goes, the person included.
"""

from __future__ import annotations

from functools import cache

import reflex as rx
from reflex.middleware import Middleware
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.event import Event

from magicloop.state.auth import AuthState
from magicloop.state.forgetting import forget_shown, forget_tab


@cache
def _hydrate_events() -> frozenset[str]:
    return frozenset(f"{rx.State.get_full_name()}.{name}" for name in ("hydrate", "hydrate_and_load"))


@cache
def _session_var() -> str:
    return f"{AuthState.get_full_name()}.token{FIELD_MARKER}"


class ForgetOnHydrate(Middleware):
    async def preprocess(self, app, state, event: Event):
        if event.name in _hydrate_events():
            stored = (event.payload.get("vars") or {}) if isinstance(event.payload, dict) else {}
            auth = await state.get_state(AuthState)
            if auth.token and stored.get(_session_var()) == auth.token:
                await forget_shown(state)
            else:
                await forget_tab(state)
        return None  # the hydrate itself goes ahead
