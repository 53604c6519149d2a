"""Reading comment threads: a thread's rows, the counts per thread of a loop page, and which
comments still await the professional's reply (the conditions the dashboard and team page count by).
Writing them: services/comments.py.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import CompoundSelect, Select, and_, bindparam, case, func, literal, or_, union_all
from sqlmodel import Session, select

from magicloop.models import Comment, Loop, MentorGrant, QuarterlyReview, ReportingLine, User, utcnow
from magicloop.services.accounts import display_names
from magicloop.services.comments import subject_of
from magicloop.services.dates import local_moment
from magicloop.services.loops import load_loop
from magicloop.services.policy import OWNER, TODAY, Action, as_owner, authorize, line_is_current, participating
from magicloop.services.prepared import built_once

MAX_DEPTH = 3  # deeper replies attach to the deepest level, so threads stay readable on a phone


@dataclasses.dataclass(frozen=True)
class CommentRow:
    id: int
    author: str
    body: str  # Markdown, rendered without raw HTML
    when: str
    depth: int
    awaiting_reply: bool
    answered: bool
    edited: bool
    deleted: bool
    mine: bool
    role: str  # "Manager", "Mentor note" or "" for the professional and anyone else
    version: int


def unanswered() -> tuple:
    """Conditions for a comment that asked for a reply and has none yet, and still exists."""
    return Comment.expects_reply.is_(True), Comment.answered_at.is_(None), Comment.deleted_at.is_(None)


def awaiting_reply() -> tuple:
    """Conditions for a comment on OWNER's loops that still awaits their reply (parameters: `as_owner`).

    Only from someone who still takes part in the loop: a question from a mentor whose
    grant ended, or from a former manager, could not even read the answer.
    """
    participants = select(User.id).where(participating())
    return *unanswered(), Comment.author_id != OWNER, Comment.author_id.in_(participants)


def on_owners(owners) -> tuple:
    """The condition for comments on the loops of `owners` (ids, or a select of them) and on their quarterly
    reviews, which belong to no loop."""
    loops = select(Loop.id).where(Loop.owner_id.in_(owners))
    reviews = select(QuarterlyReview.id).where(QuarterlyReview.owner_id.in_(owners))
    return or_(Comment.loop_id.in_(loops), and_(Comment.subject_kind == "review", Comment.subject_id.in_(reviews)))


@dataclasses.dataclass(frozen=True)
class ThreadCounts:
    """Per thread on a loop page, keyed "ask-12": how many comments, and which await the owner's reply."""

    counts: dict[str, int]
    waiting: list[str]


def thread_counts(db: Session, actor: User, loop_id: object) -> ThreadCounts:
    """For the Comments buttons of a loop page: every thread of the owner's loops (items carried
    from an earlier loop keep their thread there), in one grouped query."""
    owner = db.get(User, load_loop(db, actor, loop_id).owner_id)
    counted = db.exec(_counted_per_thread(), params=as_owner(owner, utcnow())).all()
    return ThreadCounts(
        counts={f"{kind}-{subject_id}": number for kind, subject_id, number, _ in counted},
        waiting=sorted(f"{kind}-{subject_id}" for kind, subject_id, _, waiting in counted if waiting),
    )


@built_once
def _counted_per_thread() -> Select:
    owned = select(Loop.id).where(Loop.owner_id == OWNER)
    subject = (Comment.subject_kind, Comment.subject_id)
    awaited = func.sum(case((and_(*awaiting_reply()), 1), else_=0))
    return (
        select(*subject, func.count(), awaited)
        .where(Comment.loop_id.in_(owned), Comment.deleted_at.is_(None))
        .group_by(*subject)
    )


def list_comments(db: Session, actor: User, kind: object, subject_id: object) -> list[CommentRow]:
    subject = subject_of(db, kind, subject_id)
    owner = authorize(db, actor, Action.VIEW, subject)
    comments = db.exec(_thread(), params={**as_owner(owner, utcnow()), "kind": kind, "subject_id": subject.id}).all()
    names = display_names(db, {c.author_id for c in comments})
    roles = _roles(db, owner)
    children: dict[int | None, list] = {}
    for c in comments:
        children.setdefault(c.parent_id, []).append(c)
    rows: list[CommentRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for c in children.get(parent, []):
            rows.append(
                CommentRow(
                    id=c.id,
                    author=names.get(c.author_id, "someone"),
                    body="*Comment deleted.*" if c.deleted_at else c.body,
                    when=local_moment(c.created_at, actor.time_zone),
                    depth=min(depth, MAX_DEPTH),
                    awaiting_reply=bool(c.awaited),
                    answered=c.answered_at is not None,
                    edited=c.edited_at is not None,
                    deleted=c.deleted_at is not None,
                    mine=c.author_id == actor.id and not c.deleted_at,
                    role=roles.get(c.author_id, ""),
                    version=c.version,
                )
            )
            walk(c.id, depth + 1)

    walk(None, 0)
    return rows


@built_once
def _thread() -> Select:
    """A thread's comments as rows of what the page shows, not as ORM objects: a long thread is read on every
    comment added to it."""
    on_subject = (Comment.subject_kind == bindparam("kind"), Comment.subject_id == bindparam("subject_id"))
    shown = (Comment.id, Comment.parent_id, Comment.author_id, Comment.body, Comment.created_at, Comment.version)
    changes = (Comment.answered_at, Comment.edited_at, Comment.deleted_at)
    awaited = and_(*awaiting_reply()).label("awaited")
    return select(*shown, *changes, awaited).where(*on_subject).order_by(Comment.created_at, Comment.id)


def _roles(db: Session, owner: User) -> dict[int, str]:
    """How each commenter stands to the professional, for a label beside their name."""
    roles = db.exec(_roles_of_commenters(), params=as_owner(owner, utcnow())).all()
    return dict(sorted(roles, key=lambda role: role[1] == "Manager"))  # a mentor who manages is labelled Manager


@built_once
def _roles_of_commenters() -> CompoundSelect:
    mentors = select(MentorGrant.mentor_id, literal("Mentor note")).where(MentorGrant.owner_id == OWNER)
    managers = select(ReportingLine.manager_id, literal("Manager")).where(
        ReportingLine.report_id == OWNER, *line_is_current(TODAY)
    )
    return union_all(mentors, managers)
