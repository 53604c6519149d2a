"""What one transaction has already read, kept so a page load or an action reads each thing once.

A page asks for the same loop, owner and items from several services. SQLAlchemy's identity
map holds rows only weakly, so a row dropped by one service is read again by the next: every
row loaded here is held until the session closes (a session is one short transaction).
Derived answers (`remembered`) name the tables they read, and are worked out afresh once any of
those tables is written: logging an ask forgets the asks, not who manages whom.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState
from sqlmodel import Session, SQLModel

T = TypeVar("T")
_HELD = "magicloop.held"
_REMEMBERED = "magicloop.remembered"


@event.listens_for(Session, "loaded_as_persistent")
def _hold(db: Session, row: object) -> None:
    db.info.setdefault(_HELD, []).append(row)


def remembered(db: Session, key: Hashable, work: Callable[[], T], *, reads: Iterable[type[SQLModel]]) -> T:
    """`work()`, which reads the tables of `reads`, once per transaction until one of them is written."""
    tables = _tables(reads)
    if tables & _pending(db):
        return work()  # about to be flushed: the answer would be stale at once
    known = db.info.setdefault(_REMEMBERED, {})
    if key not in known:
        known[key] = (work(), tables)
    return known[key][0]


def remember(db: Session, key: Hashable, value: object, *, reads: Iterable[type[SQLModel]]) -> None:
    """Keep `value`, read along with something else, as `remembered` would have kept it."""
    tables = _tables(reads)
    if not tables & _pending(db):
        db.info.setdefault(_REMEMBERED, {})[key] = (value, tables)


def _tables(models: Iterable[type[SQLModel]]) -> frozenset[str]:
    return frozenset(model.__tablename__ for model in models)


def _pending(db: Session) -> set[str]:
    """The tables that unflushed changes will write."""
    return {row.__tablename__ for rows in (db.new, db.dirty, db.deleted) for row in rows}


def _forget(db: Session, written: set[str] | None) -> None:
    """Drop what was read from `written` (None: everything)."""
    known = db.info.get(_REMEMBERED)
    if not known:
        return
    for key in [k for k, (_, tables) in known.items() if written is None or tables & written]:
        del known[key]


@event.listens_for(Session, "after_flush")
def _flushed(db: Session, _context) -> None:
    _forget(db, _pending(db))  # still the flushed changes while this event runs


@event.listens_for(Session, "do_orm_execute")
def _statement(state: ORMExecuteState) -> None:
    if state.is_update or state.is_delete or state.is_insert:  # a bulk statement: its table is not tracked
        _forget(state.session, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _ended(db: Session, *_context) -> None:
    _forget(db, None)


@event.listens_for(Session, "after_transaction_end")
def _release(db: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction: nothing more will be asked
        db.info.pop(_HELD, None)
