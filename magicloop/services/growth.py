"""Stages 4 and 5: the growth conversation, and the reply that closes the loop on a recommendation."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session, select

from magicloop.models import GrowthConversation, Recommendation, User, utcnow
from magicloop.services import loop_rows, timeline, versions
from magicloop.services.accounts import display_names
from magicloop.services.loops import load_authored, load_item, load_loop, load_open_loop
from magicloop.services.notifications import happened
from magicloop.services.policy import Action
from magicloop.services.tracking import described
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
    version: int


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
            version=c.version,
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


def _described(conversation: GrowthConversation) -> list[tuple[str, object]]:
    return [
        ("When", conversation.held_on),
        ("Goal, said out loud", conversation.goal_restated),
        ("The gaps named", conversation.gaps),
        ("The feedback heard", conversation.feedback),
    ]


def record_conversation(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    loop = load_open_loop(db, actor, loop_id, Action.RECORD_GROWTH)
    values = _check_conversation(data, today)
    conversation = GrowthConversation(loop_id=loop.id, recorded_by_id=actor.id, **values)
    db.add(conversation)
    db.flush()
    held_on = conversation.held_on.isoformat()
    happened(
        db,
        loop,
        actor,
        "feedback",
        f"Growth conversation recorded ({held_on})",
        ("growth_conversation", conversation.id),
        tell=f"{actor.display_name} recorded the gaps and feedback from the growth conversation of {held_on}",
        about=("conversation", conversation.id),
    )
    return conversation.id


def edit_conversation(db: Session, actor: User, conversation_id: object, data: dict, today: dt.date) -> None:
    conversation, loop = load_authored(db, actor, GrowthConversation, conversation_id, Action.RECORD_GROWTH)
    values = _check_conversation(data, today)
    versions.check(data, conversation, _described)
    for name, value in values.items():
        setattr(conversation, name, value)
    conversation.updated_at = utcnow()
    db.add(conversation)
    summary = f"Growth conversation edited ({conversation.held_on.isoformat()})"
    timeline.on_loop(db, loop, actor, "feedback", summary, ("growth_conversation", conversation.id))


def delete_conversation(db: Session, actor: User, conversation_id: object) -> None:
    conversation, loop = load_authored(db, actor, GrowthConversation, conversation_id, Action.RECORD_GROWTH)
    for rec in db.exec(select(Recommendation).where(Recommendation.conversation_id == conversation.id)):
        rec.conversation_id = None
        db.add(rec)
    timeline.deleted(db, loop, actor, ("growth_conversation", conversation.id), "A growth conversation")
    db.delete(conversation)


def reply_to_recommendation(db: Session, actor: User, rec_id: object, data: dict) -> None:
    """The professional's closing reply: what they did. It closes the loop."""
    rec, loop = load_item(db, actor, Recommendation, rec_id, Action.EDIT_OWN, writable=True)
    form = FormCheck(data)
    reply = form.text("closing_reply", "Your reply", max_len=2000, multiline=True)
    form.raise_if_errors()
    versions.check(data, rec, described)
    first = rec.replied_at is None
    rec.closing_reply, rec.replied_at, rec.updated_at = reply, utcnow(), utcnow()
    db.add(rec)
    summary = f"{'Closed the loop' if first else 'Updated the reply'} on: {rec.what}"
    told = f"{actor.display_name} closed the loop on “{rec.what}”: {reply}"
    happened(db, loop, actor, "reply", summary, ("recommendation", rec.id), tell=told)
