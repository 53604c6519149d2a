"""Threaded comments on a loop and anything in it.

A comment from the manager or a mentor expects a reply from the professional;
the professional's reply in that thread closes it (the CX rule: collect, act, tell).
Reading threads: services/threads.py.
"""

from __future__ import annotations

from sqlmodel import Session

from magicloop.models import (
    COEReview,
    Comment,
    GrowthConversation,
    Idea,
    Loop,
    ManagerAsk,
    ProgressUpdate,
    QuarterlyReview,
    Recommendation,
    SelfReflection,
    StageReflection,
    User,
    utcnow,
)
from magicloop.services import timeline, versions
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.notifications import loop_link, notify, review_link
from magicloop.services.policy import Action, Relation, authorize, relations_to
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


def subject_of(db: Session, kind: object, subject_id: object):
    """The item a thread is on, from a client's kind and id; NotFound for anything else."""
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


def add_comment(
    db: Session, actor: User, kind: object, subject_id: object, data: dict, parent_id: object = None
) -> int:
    subject = subject_of(db, kind, subject_id)
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
