"""Stages 4 and 5: the growth conversation, and the recommendations it yields."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session, select

from magicloop.models import GrowthConversation, Recommendation, User, utcnow
from magicloop.services import loop_rows, timeline
from magicloop.services.accounts import display_names
from magicloop.services.loops import (
    carried_ids,
    items_in_loop,
    load_authored,
    load_item,
    load_loop,
    require_open,
)
from magicloop.services.notifications import tell_other_side
from magicloop.services.policy import Action
from magicloop.services.tracking import TrackedItemRow, coe_subject_ids, delete_tracked, save_edit, tracked_row
from magicloop.services.validation import FormCheck


@dataclasses.dataclass(frozen=True)
class ConversationRow:
    id: int
    held_on: str
    goal_restated: str
    gaps: str
    feedback: str
    recorded_by: str
    can_edit: bool


def list_conversations(db: Session, actor: User, loop_id: object) -> list[ConversationRow]:
    loop = load_loop(db, actor, loop_id)
    found = loop_rows.conversations(db, loop.id)
    names = display_names(db, {c.recorded_by_id for c in found})
    return [
        ConversationRow(
            id=c.id,
            held_on=c.held_on.isoformat(),
            goal_restated=c.goal_restated,
            gaps=c.gaps,
            feedback=c.feedback,
            recorded_by=names.get(c.recorded_by_id, ""),
            can_edit=c.recorded_by_id == actor.id and loop.closed_at is None,
        )
        for c in found
    ]


def _check_conversation(data: dict, today: dt.date) -> dict:
    form = FormCheck(data)
    held_on = form.date("held_on", "Date", today=today, required=False) or today
    if held_on > today:
        form.fail("held_on", "Record a conversation once it has happened.")
    values = {
        "held_on": held_on,
        "goal_restated": form.text("goal_restated", "Your goal, said out loud", max_len=2000, multiline=True),
        "gaps": form.text("gaps", "The gaps named", max_len=4000, required=False, multiline=True),
        "feedback": form.text("feedback", "The feedback heard", max_len=4000, required=False, multiline=True),
    }
    if not values["gaps"] and not values["feedback"] and "gaps" not in form.errors:
        form.fail("gaps", "Write down at least one gap or piece of feedback.")
    form.raise_if_errors()
    return values


def record_conversation(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    loop = load_loop(db, actor, loop_id, Action.RECORD_GROWTH)
    require_open(loop)
    values = _check_conversation(data, today)
    conversation = GrowthConversation(loop_id=loop.id, recorded_by_id=actor.id, **values)
    db.add(conversation)
    db.flush()
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="feedback",
        summary=f"Growth conversation recorded ({conversation.held_on.isoformat()})",
        loop_id=loop.id,
        subject_kind="growth_conversation",
        subject_id=conversation.id,
    )
    tell_other_side(
        db,
        loop,
        actor,
        "feedback",
        f"{actor.display_name} recorded the gaps and feedback from the growth conversation of "
        f"{conversation.held_on.isoformat()}",
        about=("conversation", conversation.id),
    )
    return conversation.id


def edit_conversation(db: Session, actor: User, conversation_id: object, data: dict, today: dt.date) -> None:
    conversation, loop = load_authored(db, actor, GrowthConversation, conversation_id, Action.RECORD_GROWTH)
    for name, value in _check_conversation(data, today).items():
        setattr(conversation, name, value)
    conversation.updated_at = utcnow()
    db.add(conversation)
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="feedback",
        summary=f"Growth conversation edited ({conversation.held_on.isoformat()})",
        loop_id=loop.id,
        subject_kind="growth_conversation",
        subject_id=conversation.id,
    )


def delete_conversation(db: Session, actor: User, conversation_id: object) -> None:
    conversation, loop = load_authored(db, actor, GrowthConversation, conversation_id, Action.RECORD_GROWTH)
    for rec in db.exec(select(Recommendation).where(Recommendation.conversation_id == conversation.id)):
        rec.conversation_id = None
        db.add(rec)
    timeline.deleted(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        loop_id=loop.id,
        subject_kind="growth_conversation",
        subject_id=conversation.id,
        label="A growth conversation",
    )
    db.delete(conversation)


def list_recommendations(db: Session, actor: User, loop_id: object, today: dt.date) -> list[TrackedItemRow]:
    loop = load_loop(db, actor, loop_id)
    recs = items_in_loop(db, Recommendation, "recommendation", loop.id)
    names, carried = display_names(db, {r.recommended_by_id for r in recs}), carried_ids(db, loop.id, "recommendation")
    coes = coe_subject_ids(db, "recommendation", [r.id for r in recs])
    return [
        tracked_row(
            "recommendation",
            r,
            actor=actor,
            owner_id=loop.owner_id,
            author_id=r.recommended_by_id,
            names=names,
            today=today,
            carried=r.id in carried,
            coe_ids=coes,
            open_loop=loop.closed_at is None,
        )
        for r in recs
    ]


def _check_recommendation(data: dict, today: dt.date, keep_due: dt.date | None = None) -> dict:
    form = FormCheck(data)
    values = {
        "what": form.text("what", "Recommended step", max_len=500, multiline=True),
        "why": form.text("why", "Why", max_len=2000, required=False, multiline=True),
        "due_on": form.date("due_on", "Due date", today=today, required=False, not_past=True, keep=keep_due),
    }
    form.raise_if_errors()
    return values


def add_recommendation(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    """A recommended next step, tracked like an ask."""
    loop = load_loop(db, actor, loop_id, Action.LOG_RECOMMENDATION)
    require_open(loop)
    what, why, due_on = _check_recommendation(data, today).values()
    latest = db.exec(
        select(GrowthConversation.id)
        .where(GrowthConversation.loop_id == loop.id)
        .order_by(GrowthConversation.held_on.desc(), GrowthConversation.id.desc())
    ).first()
    rec = Recommendation(
        loop_id=loop.id, conversation_id=latest, recommended_by_id=actor.id, what=what, why=why, due_on=due_on
    )
    db.add(rec)
    db.flush()
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="recommendation",
        summary=f"Recommendation: {what}",
        loop_id=loop.id,
        subject_kind="recommendation",
        subject_id=rec.id,
    )
    recommended = "wrote down your recommendation" if actor.id == loop.owner_id else "recommended"
    message = f"{actor.display_name} {recommended}: {what}"
    tell_other_side(db, loop, actor, "recommendation", message, today, about=("recommendation", rec.id))
    return rec.id


def edit_recommendation(db: Session, actor: User, rec_id: object, data: dict, today: dt.date) -> None:
    rec, loop = load_authored(db, actor, Recommendation, rec_id, Action.LOG_RECOMMENDATION)
    values = _check_recommendation(data, today, keep_due=rec.due_on)
    save_edit(db, actor, loop, "recommendation", rec, values, f"Recommendation edited: {values['what']}")


def delete_recommendation(db: Session, actor: User, rec_id: object) -> None:
    rec, loop = load_authored(db, actor, Recommendation, rec_id, Action.LOG_RECOMMENDATION)
    delete_tracked(db, actor, loop, "recommendation", rec, "A recommendation")


def reply_to_recommendation(db: Session, actor: User, rec_id: object, data: dict) -> None:
    """The professional's closing reply: what they did. It closes the loop."""
    rec, loop = load_item(db, actor, Recommendation, rec_id, Action.EDIT_OWN, writable=True)
    form = FormCheck(data)
    reply = form.text("closing_reply", "Your reply", max_len=2000, multiline=True)
    form.raise_if_errors()
    first = rec.replied_at is None
    rec.closing_reply, rec.replied_at, rec.updated_at = reply, utcnow(), utcnow()
    db.add(rec)
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="reply",
        summary=f"{'Closed the loop' if first else 'Updated the reply'} on: {rec.what}",
        loop_id=loop.id,
        subject_kind="recommendation",
        subject_id=rec.id,
    )
    tell_other_side(
        db,
        loop,
        actor,
        "reply",
        f"{actor.display_name} closed the loop on “{rec.what}”: {reply}",
        about=("recommendation", rec.id),
    )
