"""The professional's history: every write a person would want to see later."""

from __future__ import annotations

from sqlalchemy import ColumnElement, ScalarSelect, func, update
from sqlmodel import Session, select

from magicloop.models import TimelineEvent, User

# What each kind of event is called where people read it (event kinds are stored names).
KIND_LABELS = {
    "loop": "Loop",
    "stage": "Stage",
    "reflection": "Reflection",
    "action_step": "Action step",
    "rating": "Rating",
    "ask": "Ask",
    "idea": "Idea",
    "progress": "Progress",
    "delivery": "Delivery",
    "coe": "COE review",
    "feedback": "Feedback",
    "recommendation": "Recommendation",
    "reply": "Reply",
    "comment": "Comment",
    "deleted": "Deleted",
    "review": "Quarterly review",
}


def kind_label(kind: str) -> str:
    """A kind of event in words; one recorded under a name this list lacks still reads as words."""
    return KIND_LABELS.get(kind) or kind.replace("_", " ").capitalize()


def last_event_at(owner_id: ColumnElement[int]) -> ScalarSelect:
    """A statement's column: when the person whose id is `owner_id` in its row last did anything on record."""
    return select(func.max(TimelineEvent.created_at)).where(TimelineEvent.owner_id == owner_id).scalar_subquery()


def record(
    db: Session,
    *,
    owner_id: int,
    actor: User | None,
    kind: str,
    summary: str,
    loop_id: int | None = None,
    subject_kind: str = "",
    subject_id: int | None = None,
) -> TimelineEvent:
    event = TimelineEvent(
        owner_id=owner_id,
        actor_id=actor.id if actor else None,
        loop_id=loop_id,
        kind=kind,
        summary=summary[:300],
        subject_kind=subject_kind,
        subject_id=subject_id,
    )
    db.add(event)
    return event


def on_loop(db: Session, loop, actor: User, kind: str, summary: str, subject: tuple[str, int] | None = None) -> None:
    """An event in `loop`, about one item in it when `subject` says which: ("ask", 12)."""
    subject_kind, subject_id = subject or ("", None)
    record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind=kind,
        summary=summary,
        loop_id=loop.id,
        subject_kind=subject_kind,
        subject_id=subject_id,
    )


def forget(db: Session, *, subject_kind: str, subject_id: int, label: str) -> None:
    """A deleted item's earlier events keep their place in history but lose its words."""
    db.exec(
        update(TimelineEvent)
        .where(TimelineEvent.subject_kind == subject_kind, TimelineEvent.subject_id == subject_id)
        .values(summary=f"{label} (since deleted)", subject_id=None)
    )


def deleted(db: Session, loop, actor: User, subject: tuple[str, int], label: str) -> None:
    """Record a deletion without its content, and scrub the item's earlier events."""
    forget(db, subject_kind=subject[0], subject_id=subject[1], label=label)
    on_loop(db, loop, actor, "deleted", f"Deleted {label.lower()}")
