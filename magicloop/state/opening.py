"""Opening a page: its on_load handlers run as one event.

Reflex runs each on_load handler as an event of its own, and each event takes the tab's state lock,
loads its state (from Redis with several workers), diffs and stores it, and sends its own message.
A signed-in page has three (who is signed in, the page's view, the tab's listener): run in one event,
a page opens with one of each. Every handler stays an event a client may also send on its own.
"""

from __future__ import annotations

import inspect
from typing import Any

import reflex as rx
from reflex_base.event import EventHandler

# The handlers each page runs on opening, in order, by route; filled as the pages register.
_OPENERS: dict[str, tuple[EventHandler, ...]] = {}


def _key(path: str) -> str:
    return path.rstrip("/") or "/"


def opener(route: str, handlers: list[EventHandler]) -> Any:
    """The on_load of the page at `route`: its handlers as one event (a single one as itself)."""
    if len(handlers) == 1:
        return handlers[0]
    for handler in handlers:
        if inspect.isasyncgenfunction(handler.fn) or inspect.isgeneratorfunction(handler.fn):
            raise TypeError(f"{handler.fn.__qualname__}: a page's opening handler returns its events, it yields none")
    _OPENERS[_key(route)] = tuple(handlers)
    return PageOpeningState.open


class PageOpeningState(rx.State):
    @rx.event
    async def open(self):
        """on_load: the handlers of the page the tab is on, in order, each on its own state. The first
        checks who is signed in: what it returns (a redirect) ends the opening, as the rest would be refused."""
        events: list = []
        for index, handler in enumerate(_OPENERS.get(_key(self.router.url.path), ())):
            returned = handler.fn(await self.get_state(handler.state))
            if inspect.isawaitable(returned):
                returned = await returned
            if returned is None:
                continue
            if index == 0:
                return returned
            events.extend(returned if isinstance(returned, list) else [returned])
        return events or None
