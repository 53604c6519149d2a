"""Threaded comments on a loop and anything in it.

A comment from the manager or a mentor expects a reply from the professional;
the professional's reply in that thread closes it (the CX rule: collect, act, tell).
"""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

from sqlalchemy import CompoundSelect, Select, and_, bindparam, case, func, literal, or_, union_all
from sqlmodel import Session, select

from magicloop.models import (
    COEReview,
    Comment,
    GrowthConversation,
    Idea,
    Loop,
    ManagerAsk,
    MentorGrant,
    ProgressUpdate,
    QuarterlyReview,
    Recommendation,
    ReportingLine,
    SelfReflection,
    StageReflection,
    User,
    utcnow,
)
from magicloop.services import timeline, versions
from magicloop.services.accounts import display_names
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.loops import load_loop
from magicloop.services.notifications import loop_link, notify, review_link
from magicloop.services.policy import (
    OWNER,
    TODAY,
    Action,
    Relation,
    as_owner,
    authorize,
    line_is_current,
    participating,
    relations_to,
)
from magicloop.services.prepared import built_once
from magicloop.services.validation import FormCheck, is_id

SUBJECTS = {
    "loop": Loop,
    "ask": ManagerAsk,
    "progress": ProgressUpdate,
    "recommendation": Recommendation,
    "idea": Idea,
    "coe": COEReview,
    "reflection": SelfReflection,
    "stage_reflection": StageReflection,
    "conversation": GrowthConversation,
    "review": QuarterlyReview,
}
SUBJECT_LABELS = {
    "loop": "the loop",
    "ask": "an ask",
    "progress": "a progress update",
    "recommendation": "a recommendation",
    "idea": "an idea",
    "coe": "a COE review",
    "reflection": "the self-reflection",
    "stage_reflection": "a stage reflection",
    "conversation": "a growth conversation",
    "review": "the quarterly review",
}
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


def _subject(db: Session, kind: object, subject_id: object):
    model = SUBJECTS.get(kind) if isinstance(kind, str) else None
    found = db.get(model, subject_id) if model and is_id(subject_id) else None
    if found is None:
        raise NotFound("That item no longer exists.")
    return found


def _loop_id(subject) -> int | None:
    return subject.id if isinstance(subject, Loop) else getattr(subject, "loop_id", None)


def _thread_link(kind: str, subject) -> str:
    """Where a notification about a comment leads: the thread, open, on its page."""
    if isinstance(subject, QuarterlyReview):
        return review_link(subject.owner_id, subject.quarter, thread=subject.id)
    return loop_link(_loop_id(subject), kind, subject.id, thread=True)


def list_comments(db: Session, actor: User, kind: object, subject_id: object) -> list[CommentRow]:
    subject = _subject(db, kind, subject_id)
    owner = authorize(db, actor, Action.VIEW, subject)
    read = db.exec(_thread(), params={**as_owner(owner, utcnow()), "kind": kind, "subject_id": subject.id}).all()
    comments, waiting = [c for c, _ in read], {c.id for c, awaited in read if awaited}
    names = display_names(db, {c.author_id for c in comments})
    roles = _roles(db, owner)
    zone = ZoneInfo(actor.time_zone)
    children: dict[int | None, list[Comment]] = {}
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
                    when=c.created_at.astimezone(zone).strftime("%d %b %Y, %H:%M"),
                    depth=min(depth, MAX_DEPTH),
                    awaiting_reply=c.id in waiting,
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
    on_subject = (Comment.subject_kind == bindparam("kind"), Comment.subject_id == bindparam("subject_id"))
    return select(Comment, and_(*awaiting_reply())).where(*on_subject).order_by(Comment.created_at, Comment.id)


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


def add_comment(
    db: Session, actor: User, kind: object, subject_id: object, data: dict, parent_id: object = None
) -> int:
    subject = _subject(db, kind, subject_id)
    owner = authorize(db, actor, Action.COMMENT, subject)
    form = FormCheck(data)
    body = form.text("comment_body", "Comment", max_len=4000, multiline=True)
    form.raise_if_errors()
    parent = None
    if parent_id is not None:
        parent = db.get(Comment, parent_id) if is_id(parent_id) else None
        if parent is None or parent.subject_kind != kind or parent.subject_id != subject.id:
            raise InvalidInput({"comment_body": "That comment no longer exists."})
    from_owner = actor.id == owner.id
    relations = relations_to(db, actor, owner)
    # A mentor's note asks for nothing unless it asks a question.
    mentor_note = Relation.MENTOR in relations and Relation.MANAGER not in relations
    comment = Comment(
        loop_id=_loop_id(subject),
        author_id=actor.id,
        parent_id=parent.id if parent else None,
        subject_kind=kind,
        subject_id=subject.id,
        body=body,
        expects_reply=not from_owner and (not mentor_note or "?" in body),
    )
    db.add(comment)
    db.flush()
    answered = _close_thread(db, parent) if from_owner and parent is not None else set()
    timeline.record(
        db,
        owner_id=owner.id,
        actor=actor,
        kind="comment",
        summary=f"{actor.display_name} {'replied' if parent else 'commented'}",
        loop_id=comment.loop_id,
        subject_kind=kind,
        subject_id=subject.id,
    )
    # Messages name who spoke, not what was said: a deleted comment leaves no words behind.
    link, label = _thread_link(kind, subject), SUBJECT_LABELS[kind]
    told = {owner.id} if not from_owner else set()
    told |= answered | ({parent.author_id} if parent else set())
    for person in told:
        kind_told, verb = ("reply", "replied on") if parent and person != owner.id else ("comment", "commented on")
        notify(db, person, kind_told, f"{actor.display_name} {verb} {label}", link, actor=actor)
    return comment.id


def _close_thread(db: Session, comment: Comment) -> set[int]:
    """The owner answered: every comment above theirs that awaited a reply is
    answered. Returns the authors of those comments."""
    now, authors = utcnow(), set()
    while comment is not None:
        if comment.expects_reply and comment.answered_at is None:
            comment.answered_at = now
            db.add(comment)
            authors.add(comment.author_id)
        comment = db.get(Comment, comment.parent_id) if comment.parent_id else None
    return authors


def _authored(db: Session, actor: User, comment_id: object) -> Comment:
    comment = db.get(Comment, comment_id) if is_id(comment_id) else None
    if comment is None or comment.deleted_at is not None:
        raise NotFound("That comment no longer exists.")
    authorize(db, actor, Action.COMMENT, comment)
    if comment.author_id != actor.id:
        raise Forbidden("Only its author can change a comment.")
    return comment


def edit_comment(db: Session, actor: User, comment_id: object, data: dict) -> None:
    comment = _authored(db, actor, comment_id)
    form = FormCheck(data)
    body = form.text("comment_body", "Comment", max_len=4000, multiline=True)
    form.raise_if_errors()
    versions.check(data, comment, lambda found: [("Comment", found.body)])
    comment.body, comment.edited_at = body, utcnow()
    db.add(comment)


def delete_comment(db: Session, actor: User, comment_id: object) -> None:
    """Keeps the place in the thread (replies stay readable) but not the words."""
    comment = _authored(db, actor, comment_id)
    comment.body, comment.deleted_at = "", utcnow()
    db.add(comment)
