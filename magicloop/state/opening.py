"""Opening a page: its on_load handlers run as one event; so do the reloads of a change pushed to a tab.

Reflex runs each handler an event returns as an event of its own, and each event takes the tab's state
lock, loads its state (from Redis with several workers), diffs and stores it, and sends its own message.
A signed-in page has four on_load handlers (who is signed in and what the tab's listener needs, both read
along with the page; the page's view; the listener), and the loop page reloads two parts when someone else
changes it: run in one event, each costs one of each, and their reads share a transaction where they can
(state/shared_reads.py).
Every handler stays an event a client may also send on its own.
"""

from __future__ import annotations

import inspect
from typing import Any

import reflex as rx
from reflex_base.event import EventHandler

from magicloop.state import shared_reads

# The handlers each page runs on opening, in order, by route; filled as the pages register.
_OPENERS: dict[str, tuple[EventHandler, ...]] = {}


def _key(path: str) -> str:
    return path.rstrip("/") or "/"


def opener(route: str, handlers: list[EventHandler]) -> Any:
    """The on_load of the page at `route`: its handlers as one event (a single one as itself)."""
    if len(handlers) == 1:
        return handlers[0]
    _OPENERS[_key(route)] = together(*handlers)
    return PageOpeningState.open


def together(*handlers: EventHandler) -> tuple[EventHandler, ...]:
    """Handlers to run in one event: each returns its events, as one that yields would send them itself."""
    for handler in handlers:
        if inspect.isasyncgenfunction(handler.fn) or inspect.isgeneratorfunction(handler.fn):
            raise TypeError(f"{handler.fn.__qualname__}: a handler run together with others yields no events")
    return handlers


async def run_together(state: rx.State, handlers: tuple[EventHandler, ...], gate: bool = False) -> list:
    """Run `handlers` in order within the event `state` is handling, each on its own state, and return
    the events they return. `gate`: the first checks who is signed in, and what it returns (a redirect)
    ends the run, as the rest would be refused."""
    events: list = []
    for index, handler in enumerate(handlers):
        returned = handler.fn(await state.get_state(handler.state))
        if inspect.isawaitable(returned):
            returned = await returned
        if returned is None:
            continue
        returned = returned if isinstance(returned, list) else [returned]
        if gate and index == 0:
            return returned
        events.extend(returned)
    return events


class PageOpeningState(rx.State):
    @rx.event
    async def open(self):
        """on_load: the handlers of the page the tab is on."""
        with shared_reads.shared():
            return await run_together(self, _OPENERS.get(_key(self.router.url.path), ()), gate=True) or None
