"""How a page's state loads what the page shows, and what it does when the person may not see it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from magicloop.state.auth import look, refusal
from magicloop.state.forgetting import forget_refused


async def load_view(state: rx.State, show: str | Callable[[Any], None], fn, *args) -> Any:
    """`fn`'s view for the signed-in person into the var named `show` (or handed to `show`), and the page marked
    loaded; refused, nothing of an earlier view stays. Returns what the handler returns: the refusal, or None."""
    outcome = await look(state, fn, *args)
    if not outcome.ok:
        await forget_refused(state, outcome.forbidden)
        return refusal(outcome)
    show(outcome.value) if callable(show) else setattr(state, show, outcome.value)
    state.loaded = True
    return None
