"""What one transaction has already read, kept so a page load reads each thing once.

A page asks for the same loop, owner and items from several services. SQLAlchemy's identity
map holds rows only weakly, so a row dropped by one service is read again by the next: every
row loaded here is held until the session closes (a session is one short transaction).
Derived answers (`remembered`) are kept until anything is written, then worked out afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import event
from sqlmodel import Session

T = TypeVar("T")
_HELD = "magicloop.held"
_REMEMBERED = "magicloop.remembered"


@event.listens_for(Session, "loaded_as_persistent")
def _hold(db: Session, row: object) -> None:
    db.info.setdefault(_HELD, []).append(row)


def remembered(db: Session, key: Hashable, work: Callable[[], T]) -> T:
    """`work()`, once per transaction until something is written."""
    if db.new or db.dirty or db.deleted:
        return work()  # about to be flushed: the answer would be stale at once
    known = db.info.setdefault(_REMEMBERED, {})
    if key not in known:
        known[key] = work()
    return known[key]


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(db: Session, *_context) -> None:
    db.info.pop(_REMEMBERED, None)


@event.listens_for(Session, "after_transaction_end")
def _release(db: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction: nothing more will be asked
        db.info.pop(_HELD, None)
