"""What one write leaves behind together, and where some of it is missing.

Logging an ask adds the ask and its line on the timeline; recording progress adds the update, a
timeline line and changes the item; a comment adds the comment and a timeline line. Each write is
one transaction, so a database that keeps part of one (after a crash, or copied while people
wrote) has lost a write half-way. The rules hold for what the services write; they do not cover
deleting, which scrubs the timeline.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, select

from magicloop.models import Comment, ManagerAsk, ProgressUpdate, Recommendation, TimelineEvent

TRACKED = {"ask": ManagerAsk, "recommendation": Recommendation}


def half_written(db: Session) -> list[str]:
    """Every item whose companions are missing, in words."""
    return _items_without_their_line(db) + _progress_not_shown(db) + _comments_without_their_line(db)


def _lines(db: Session, *kinds: str) -> Counter:
    """Timeline lines of these kinds, counted by (subject kind, subject id, actor)."""
    found = db.exec(
        select(TimelineEvent.subject_kind, TimelineEvent.subject_id, TimelineEvent.actor_id, func.count())
        .where(TimelineEvent.kind.in_(kinds))
        .group_by(TimelineEvent.subject_kind, TimelineEvent.subject_id, TimelineEvent.actor_id)
    )
    return Counter({(kind, subject, actor): count for kind, subject, actor, count in found})


def _items_without_their_line(db: Session) -> list[str]:
    problems = []
    for kind, model in TRACKED.items():
        logged = {(s, i) for s, i, _actor in _lines(db, kind)}
        problems += [f"{kind} {item_id} has no line on the timeline" for item_id in db.exec(select(model.id))
                     if (kind, item_id) not in logged]  # fmt: skip
    return problems


def _progress_not_shown(db: Session) -> list[str]:
    """Each update has its timeline line (delivered or progress), and its item shows the latest one."""
    problems, lines = [], _lines(db, "progress", "delivery")
    updates = db.exec(select(ProgressUpdate).order_by(ProgressUpdate.id)).all()
    for kind, model in TRACKED.items():
        column = f"{kind}_id"
        per_item = Counter((getattr(u, column), u.author_id) for u in updates if getattr(u, column) is not None)
        for (item_id, author_id), count in per_item.items():
            if lines[(kind, item_id, author_id)] != count:
                problems.append(
                    f"{kind} {item_id}: {count} progress updates, {lines[(kind, item_id, author_id)]} lines"
                )
        latest = {getattr(u, column): u for u in updates if getattr(u, column) is not None}
        for item in db.exec(select(model).where(model.id.in_(latest))):
            update = latest[item.id]
            if (item.status, item.percent) != (update.status, update.percent):
                problems.append(f"{kind} {item.id} shows {item.status} {item.percent}%, its last update says "
                                f"{update.status} {update.percent}%")  # fmt: skip
    return problems


def _comments_without_their_line(db: Session) -> list[str]:
    lines = _lines(db, "comment")
    said = Counter(db.exec(select(Comment.subject_kind, Comment.subject_id, Comment.author_id)).all())
    return [
        f"{count} comments by user {author} on {kind} {subject}, {lines[(kind, subject, author)]} lines"
        for (kind, subject, author), count in said.items()
        if lines[(kind, subject, author)] != count
    ]
