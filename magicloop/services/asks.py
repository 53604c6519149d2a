"""Stage 2 in advanced mode: the professional suggests an idea; the manager accepts it as an ask, or declines."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session

from magicloop.models import Idea, ManagerAsk, User, utcnow
from magicloop.services import loop_rows, versions
from magicloop.services.dates import local_day
from magicloop.services.errors import Forbidden
from magicloop.services.loops import load_item, load_loop, load_open_loop
from magicloop.services.notifications import happened
from magicloop.services.policy import Action, Relation, relations_to
from magicloop.services.validation import FormCheck


@dataclasses.dataclass(frozen=True)
class IdeaRow:
    id: int
    proposal: str
    status: str  # pending, accepted, declined, withdrawn
    decline_reason: str
    suggested_on: str
    can_withdraw: bool
    can_decide: bool  # the manager, while it waits
    version: int
    pulse_id: int = 0  # the culture pulse that is its evidence, if any


def list_ideas(db: Session, actor: User, loop_id: object) -> list[IdeaRow]:
    loop = load_loop(db, actor, loop_id)
    ideas = loop_rows.ideas(db, loop.id)
    owner = db.get(User, loop.owner_id)
    manager = Relation.MANAGER in relations_to(db, actor, owner)
    return [
        IdeaRow(
            id=i.id,
            proposal=i.proposal,
            status=i.status,
            decline_reason=i.decline_reason,
            suggested_on=local_day(i.created_at, owner.time_zone).isoformat(),
            can_withdraw=i.status == "pending" and i.author_id == actor.id and loop.closed_at is None,
            can_decide=i.status == "pending" and manager and loop.closed_at is None,
            version=i.version,
            pulse_id=i.pulse_id or 0,
        )
        for i in ideas
    ]


def suggest_idea(db: Session, actor: User, loop_id: object, data: dict, today: dt.date) -> int:
    """Advanced mode: "I could … — would that help?"; it waits for the manager."""
    loop = load_open_loop(db, actor, loop_id, Action.EDIT_OWN)
    if not actor.advanced_mode:
        raise Forbidden("Turn on advanced mode in settings to suggest ideas.")
    form = FormCheck(data)
    proposal = form.text("proposal", "Your idea", max_len=2000, multiline=True)
    form.raise_if_errors()
    idea = Idea(loop_id=loop.id, author_id=actor.id, proposal=proposal)
    db.add(idea)
    db.flush()
    told = f"{actor.display_name} suggested an idea: {proposal}"
    happened(db, loop, actor, "idea", f"Suggested an idea: {proposal}", ("idea", idea.id), tell=told, today=today)
    return idea.id


def withdraw_idea(db: Session, actor: User, idea_id: object) -> None:
    idea, loop = load_item(db, actor, Idea, idea_id, Action.EDIT_OWN, writable=True)
    if idea.status != "pending":
        raise Forbidden("Only an idea still waiting for a decision can be withdrawn.")
    idea.status = "withdrawn"
    db.add(idea)
    happened(db, loop, actor, "idea", f"Withdrew an idea: {idea.proposal}", ("idea", idea.id))


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
    versions.check(data, idea, lambda found: [("Idea", found.proposal), ("Status", found.status.capitalize())])
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
    told = f"{actor.display_name} {idea.status} your idea: {idea.proposal}"
    happened(db, loop, actor, "idea", f"Idea {idea.status}: {idea.proposal}", ("idea", idea.id), tell=told, today=today)
