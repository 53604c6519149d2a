"""Reads that go along with a page's: when one event runs several handlers (a page opening, a change pushed to
a tab), a read one handler needs after the page's can be read in the page's transaction, not one of its own, so
the event resolves the session once.

Only within `shared()`: outside it nothing waits to go along, so no read can pass from one event into another.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any

from magicloop.state.runner import Outcome


@dataclasses.dataclass
class Rider:
    read: Callable[..., Any]  # read(db, user, *args)
    args: tuple
    then: Callable[[Outcome], None] | None = None  # applied as soon as it is read
    outcome: Outcome | None = None  # once read

    def took(self, outcome: Outcome) -> None:
        self.outcome = outcome
        if self.then is not None:
            self.then(outcome)


_riders: ContextVar[dict[Hashable, Rider] | None] = ContextVar("magicloop.riders", default=None)


@contextlib.contextmanager
def shared() -> Iterator[None]:
    """The reads of the handlers run within may go along with each other's."""
    reset = _riders.set({})
    try:
        yield
    finally:
        _riders.reset(reset)


def go_along(
    key: Hashable, read: Callable[..., Any], *args: Any, then: Callable[[Outcome], None] | None = None
) -> bool:
    """`read(db, user, *args)` goes along with the next page read of this event; `taken(key)` gives it back,
    and `then` takes it as it comes. False outside `shared()`, where nothing goes along."""
    riders = _riders.get()
    if riders is not None:
        riders[key] = Rider(read, args, then)
    return riders is not None


def waiting() -> list[Rider]:
    return [rider for rider in (_riders.get() or {}).values() if rider.outcome is None]


def taken(key: Hashable) -> Outcome | None:
    """What `key` read along with a page; None when no page read came, and then it no longer waits."""
    riders = _riders.get() or {}
    rider = riders.pop(key, None)
    return rider.outcome if rider else None
