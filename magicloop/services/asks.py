"""Stage 2, Ask how to help: the manager's asks, and ideas in advanced mode."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session

from magicloop.models import Idea, ManagerAsk, Priority, User, utcnow
from magicloop.services import loop_rows, timeline
from magicloop.services.accounts import display_names
from magicloop.services.errors import Forbidden
from magicloop.services.loops import (
    carried_ids,
    items_in_loop,
    load_authored,
    load_item,
    load_loop,
    require_open,
)
from magicloop.services.notifications import DELIVERY_STAGES, tell_other_side
from magicloop.services.policy import Action, Relation, relations_to
from magicloop.services.tracking import TrackedItemRow, coe_subject_ids, delete_tracked, save_edit, tracked_row
from magicloop.services.validation import FormCheck

PRIORITIES = [p.value for p in Priority]


@dataclasses.dataclass(frozen=True)
class IdeaRow:
    id: int
    proposal: str
    status: str  # pending, accepted, declined, withdrawn
    decline_reason: str
    suggested_on: str
    can_withdraw: bool
    can_decide: bool  # the manager, while it waits


def list_asks(db: Session, actor: User, loop_id: object, today: dt.date) -> list[TrackedItemRow]:
    loop = load_loop(db, actor, loop_id)
    asks = items_in_loop(db, ManagerAsk, "ask", loop.id)
    names, carried = display_names(db, {a.logged_by_id for a in asks}), carried_ids(db, loop.id, "ask")
    coes = coe_subject_ids(db, "ask", [a.id for a in asks])
    manager = Relation.MANAGER in relations_to(db, actor, db.get(User, loop.owner_id))
    return [
        tracked_row(
            "ask",
            a,
            actor=actor,
            owner_id=loop.owner_id,
            author_id=a.logged_by_id,
            names=names,
            today=today,
            carried=a.id in carried,
            coe_ids=coes,
            open_loop=loop.closed_at is None,
            viewer_is_manager=manager,
        )
        for a in asks
    ]


def acknowledge_ask(db: Session, actor: User, ask_id: object) -> None:
    """The manager saw the delivery: the professional is told."""
    ask, loop = load_item(db, actor, ManagerAsk, ask_id, Action.ACKNOWLEDGE)
    if ask.status != "done":
        raise Forbidden("An ask can be acknowledged once it is delivered.")
    if ask.acknowledged_at is None:
        ask.acknowledged_at, ask.acknowledged_by_id = utcnow(), actor.id
        db.add(ask)
        timeline.record(
            db,
            owner_id=loop.owner_id,
            actor=actor,
            kind="delivery",
            summary=f"{actor.display_name} acknowledged the delivery: {ask.what}",
            loop_id=loop.id,
            subject_kind="ask",
            subject_id=ask.id,
        )
        tell_other_side(
            db,
            loop,
            actor,
            "delivery",
            f"{actor.display_name} acknowledged your delivery: {ask.what}",
            about=("ask", ask.id),
            stage=DELIVERY_STAGES["ask"],
        )


def _check_ask(form: FormCheck, today: dt.date, keep_due: dt.date | None = None) -> dict:
    asked_on = form.date("asked_on", "Asked on", today=today, required=False) or today
    if asked_on > today:
        form.fail("asked_on", "Asked on can't be in the future.")
    return {
        "what": form.text("what", "What they asked", max_len=500, multiline=True),
        "why": form.text("why", "Why it matters to them", max_len=2000, required=False, multiline=True),
        "asked_on": asked_on,
        "due_on": form.date("due_on", "Due date", today=today, required=False, not_past=True, keep=keep_due),
        "priority": form.choice("priority", "Priority", PRIORITIES, default=Priority.MEDIUM),
    }


def log_ask(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    """What the manager asked; logged by the professional or by the manager."""
    loop = load_loop(db, actor, loop_id, Action.LOG_ASK)
    require_open(loop)
    form = FormCheck(data)
    values = _check_ask(form, today)
    form.raise_if_errors()
    ask = ManagerAsk(loop_id=loop.id, logged_by_id=actor.id, **values)
    db.add(ask)
    db.flush()
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="ask",
        summary=f"Ask logged: {ask.what}",
        loop_id=loop.id,
        subject_kind="ask",
        subject_id=ask.id,
    )
    logged = "wrote down your ask" if actor.id == loop.owner_id else "logged an ask"
    message = f"{actor.display_name} {logged}: {ask.what}"
    tell_other_side(db, loop, actor, "ask", message, today, about=("ask", ask.id))
    return ask.id


def edit_ask(db: Session, actor: User, ask_id: object, data: dict, today: dt.date) -> None:
    ask, loop = load_authored(db, actor, ManagerAsk, ask_id, Action.LOG_ASK)
    form = FormCheck(data)
    values = _check_ask(form, today, keep_due=ask.due_on)
    form.raise_if_errors()
    save_edit(db, actor, loop, "ask", ask, values, f"Ask edited: {values['what']}")


def delete_ask(db: Session, actor: User, ask_id: object) -> None:
    ask, loop = load_authored(db, actor, ManagerAsk, ask_id, Action.LOG_ASK)
    delete_tracked(db, actor, loop, "ask", ask, "An ask")


def list_ideas(db: Session, actor: User, loop_id: object) -> list[IdeaRow]:
    loop = load_loop(db, actor, loop_id)
    ideas = loop_rows.ideas(db, loop.id)
    manager = Relation.MANAGER in relations_to(db, actor, db.get(User, loop.owner_id))
    return [
        IdeaRow(
            id=i.id,
            proposal=i.proposal,
            status=i.status,
            decline_reason=i.decline_reason,
            suggested_on=i.created_at.date().isoformat(),
            can_withdraw=i.status == "pending" and i.author_id == actor.id and loop.closed_at is None,
            can_decide=i.status == "pending" and manager and loop.closed_at is None,
        )
        for i in ideas
    ]


def suggest_idea(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    """Advanced mode: "I could … — would that help?"; it waits for the manager."""
    loop = load_loop(db, actor, loop_id, Action.EDIT_OWN)
    require_open(loop)
    if not actor.advanced_mode:
        raise Forbidden("Turn on advanced mode in settings to suggest ideas.")
    form = FormCheck(data)
    proposal = form.text("proposal", "Your idea", max_len=2000, multiline=True)
    form.raise_if_errors()
    idea = Idea(loop_id=loop.id, author_id=actor.id, proposal=proposal)
    db.add(idea)
    db.flush()
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="idea",
        summary=f"Suggested an idea: {proposal}",
        loop_id=loop.id,
        subject_kind="idea",
        subject_id=idea.id,
    )
    tell_other_side(
        db,
        loop,
        actor,
        "idea",
        f"{actor.display_name} suggested an idea: {proposal}",
        today,
        about=("idea", idea.id),
    )
    return idea.id


def withdraw_idea(db: Session, actor: User, idea_id: object) -> None:
    idea, loop = load_item(db, actor, Idea, idea_id, Action.EDIT_OWN, writable=True)
    if idea.status != "pending":
        raise Forbidden("Only an idea still waiting for a decision can be withdrawn.")
    idea.status = "withdrawn"
    db.add(idea)
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="idea",
        summary=f"Withdrew an idea: {idea.proposal}",
        loop_id=loop.id,
        subject_kind="idea",
        subject_id=idea.id,
    )


def decide_idea(db: Session, actor: User, idea_id: object, data: dict, today: dt.date) -> None:
    """The manager accepts an idea (it becomes an ask) or declines it with a reason."""
    idea, loop = load_item(db, actor, Idea, idea_id, Action.DECIDE_IDEA, writable=True)
    if idea.status != "pending":
        raise Forbidden("This idea was already decided or withdrawn.")
    form = FormCheck(data)
    decision = form.choice("decision", "Decision", ["accept", "decline"])
    reason = form.text("decline_reason", "Reason", max_len=2000, required=decision == "decline", multiline=True)
    due_on = form.date("due_on", "Due date", today=today, required=False, not_past=True)
    form.raise_if_errors()
    idea.decided_by_id, idea.decided_at = actor.id, utcnow()
    if decision == "accept":
        idea.status = "accepted"
        db.add(
            ManagerAsk(
                loop_id=loop.id,
                logged_by_id=actor.id,
                idea_id=idea.id,
                what=idea.proposal[:500],
                why="Your idea, accepted",
                asked_on=today,
                due_on=due_on,
            )
        )
    else:
        idea.status, idea.decline_reason = "declined", reason
    db.add(idea)
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="idea",
        summary=f"Idea {idea.status}: {idea.proposal}",
        loop_id=loop.id,
        subject_kind="idea",
        subject_id=idea.id,
    )
    tell_other_side(
        db,
        loop,
        actor,
        "idea",
        f"{actor.display_name} {idea.status} your idea: {idea.proposal}",
        today,
        about=("idea", idea.id),
    )
