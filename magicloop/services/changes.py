"""What changed, for whom: gathered from the rows a transaction writes, published after it commits.

A change names topics, never content:
- `loop:<id>`   anything shown on that loop's page (items, comments, ratings, the loop itself);
- `owner:<id>`  that professional's history (the progress timeline, their insights and quarterly reviews);
- `user:<id>`   that person's notifications, and whom they may follow;
- `org:<id>`    the organisation's people, invites and reporting lines;
- `pulse:<id>`  a culture pulse: who answered how many, its results, whether it is open, what it is attached to.
An open tab that shows one of them reloads that part through the services, so
the policy decides afresh what it may see. Reading rows from the flush means no
write can forget to announce itself.

With its topics a change carries which tables it wrote (`wrote:<table>`, or `wrote:*` when a bulk write
does not say): a tab shown one of the topics is handed those too, and a page made of parts reloads only
the parts that read them (services/loop_page.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import event
from sqlmodel import Session, SQLModel

from magicloop.models import (
    CulturePulse,
    Invite,
    Loop,
    MentorGrant,
    Notification,
    PrivateNote,
    PulseInvitation,
    PulseResponse,
    QuarterlyReview,
    ReportingLine,
    TimelineEvent,
    User,
)

_KEY, _WROTE = "magicloop.changes", "magicloop.changes.wrote"
WROTE = "wrote:"


def topics_of(row: SQLModel) -> set[str]:
    """The topics a written row touches."""
    match row:
        case PrivateNote():
            return set()  # the owner's alone: nobody else's page shows it
        case Notification():
            return {f"user:{row.recipient_id}"}
        case Loop():
            return {f"loop:{row.id}", f"owner:{row.owner_id}"}
        case QuarterlyReview():
            return {f"owner:{row.owner_id}"}
        case TimelineEvent():
            return {f"owner:{row.owner_id}"} | ({f"loop:{row.loop_id}"} if row.loop_id else set())
        case MentorGrant():
            return {f"user:{row.mentor_id}", f"user:{row.owner_id}"}
        case ReportingLine():
            return {f"user:{row.manager_id}", f"user:{row.report_id}", f"org:{row.organisation_id}"}
        case User():
            return {f"user:{row.id}", f"org:{row.organisation_id}"}
        case Invite():
            return {f"org:{row.organisation_id}"}
        case CulturePulse():
            return {f"pulse:{row.id}"}
        case PulseInvitation() | PulseResponse():
            return {f"pulse:{row.pulse_id}"}
    loop_id = getattr(row, "loop_id", None)
    return {f"loop:{loop_id}"} if loop_id else set()


def announce(db: Session, *topics: str) -> None:
    """For writes that bypass the ORM's flush (bulk UPDATE statements): which tables they wrote is not said."""
    _note(db, topics, ("*",))


def _note(db: Session, topics, tables) -> None:
    db.info.setdefault(_KEY, set()).update(topics)
    db.info.setdefault(_WROTE, set()).update(WROTE + table for table in tables)


def pending(db: Session) -> frozenset[str]:
    return frozenset(db.info.get(_KEY, ()))


def take(db: Session) -> frozenset[str]:
    """The topics of the work just committed, and which tables it wrote; forgotten once taken."""
    topics, wrote = frozenset(db.info.pop(_KEY, ())), db.info.pop(_WROTE, set())
    return topics | wrote if topics else topics


def written(told: Iterable[str]) -> frozenset[str] | None:
    """The tables the changes a tab was `told` of wrote; None when one of them does not say."""
    tables = frozenset(topic.removeprefix(WROTE) for topic in told if topic.startswith(WROTE))
    return None if not tables or "*" in tables else tables


@event.listens_for(Session, "after_flush")
def _gather(db: Session, _context) -> None:
    rows = [*db.new, *db.deleted, *(row for row in db.dirty if db.is_modified(row))]
    # A deleted row can take others with it (the database's cascades): what a deletion wrote is not said.
    tables = {row.__tablename__ for row in rows} | ({"*"} if db.deleted else set())
    _note(db, (topic for row in rows for topic in topics_of(row)), tables)


@event.listens_for(Session, "after_rollback")
def _forget(db: Session) -> None:
    db.info.pop(_KEY, None)
    db.info.pop(_WROTE, None)
