"""What a tab forgets: nothing it was shown outlives the session or the access that showed it.

A tab's state lives on the server under the tab's own token, which survives signing out and
reloading (see hydrate.py for the reload).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import reflex as rx

APP_PACKAGE = "magicloop."
_SESSION_STATES: set[type[rx.State]] = set()


def holds_the_session(cls: type[rx.State]) -> type[rx.State]:
    """Marks a state that is about the tab and its person, not about what a page shows."""
    _SESSION_STATES.add(cls)
    return cls


@cache
def _app_states() -> tuple[type[rx.State], ...]:
    """The app's own states (Reflex's internal ones hold nothing of anyone's)."""
    return tuple(
        sorted(
            (cls for cls in rx.State.get_substates() if cls.__module__.startswith(APP_PACKAGE)),
            key=lambda cls: cls.get_full_name(),
        )
    )


@cache
def _defaults(cls: type[rx.State]) -> tuple[tuple[str, Any, Any], ...]:
    """Each var of `cls` with its field and a default to compare with, made once; as Reflex's own
    reset, the router's vars are left out, as they belong to its base state."""
    return tuple(
        (name, field, field.default_value()) for name, field in cls.__fields__.items() if field._owner is cls
    )


def _reset(state: rx.State) -> None:
    """`state.reset()`, setting only the vars that differ from their defaults. Every page load
    forgets a tab's states, most of them untouched: a var set is marked changed, and a changed
    state is diffed, and with Redis written back, at the end of the event. Values are compared as
    stored, not through the proxy Reflex wraps a mutable value in when it is read."""
    stored = state.__dict__  # a var not in it was never read or set: it holds its default
    for name, field, default in _defaults(type(state)):
        if name in stored and stored[name] != default:
            setattr(state, name, field.default_value())  # a fresh copy: the one compared with stays as it is
    for substate in state.substates.values():
        _reset(substate)


async def forget_tab(state: rx.State) -> None:
    """Every state of the tab `state` belongs to back to its defaults: the session ended. The session's
    own states are reset in full, so the browser is told once more to forget the session it stores."""
    for cls in _app_states():
        held = await state.get_state(cls)
        held.reset() if cls in _SESSION_STATES else _reset(held)


async def forget_shown(state: rx.State) -> None:
    """Everything the tab's pages show back to its defaults: access to it ended."""
    for cls in _app_states():
        if cls not in _SESSION_STATES:
            _reset(await state.get_state(cls))


async def forget_refused(state: rx.State, forbidden: bool) -> None:
    """A read was refused: the state that asked forgets what it showed, and where access has
    ended, so does every page of the tab."""
    if forbidden:
        await forget_shown(state)
    else:
        _reset(state)
