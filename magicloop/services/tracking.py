"""Asks and recommendations: one tracked-item mechanism with two kinds.

Listing, logging, editing and deleting are written once; a kind says only what differs:
its table, who logs it, its form, and its words on the timeline and to the other side.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from magicloop.models import (
    COEReview,
    GrowthConversation,
    ItemStatus,
    Loop,
    ManagerAsk,
    Priority,
    Recommendation,
    User,
    utcnow,
)
from magicloop.services import timeline, versions
from magicloop.services.accounts import display_names
from magicloop.services.dates import describe, local_day
from magicloop.services.errors import InvalidInput
from magicloop.services.loops import (
    forget_carried,
    in_loop,
    items_in_loop,
    load_authored,
    load_loop,
    load_open_loop,
)
from magicloop.services.notifications import happened
from magicloop.services.policy import Action, Relation, relations_to
from magicloop.services.prepared import built_once
from magicloop.services.recall import remembered
from magicloop.services.validation import FormCheck

PRIORITIES = [p.value for p in Priority]
STATUS_LABELS = {
    ItemStatus.NOT_STARTED: "Not started",
    ItemStatus.IN_PROGRESS: "In progress",
    ItemStatus.BLOCKED: "Blocked",
    ItemStatus.DONE: "Done",
}


def _check_ask(form: FormCheck, today: dt.date, keep_due: dt.date | None) -> dict:
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


def _check_recommendation(form: FormCheck, today: dt.date, keep_due: dt.date | None) -> dict:
    return {
        "what": form.text("what", "Recommended step", max_len=500, multiline=True),
        "why": form.text("why", "Why", max_len=2000, required=False, multiline=True),
        "due_on": form.date("due_on", "Due date", today=today, required=False, not_past=True, keep=keep_due),
    }


def _latest_conversation(db: Session, loop: Loop) -> dict:
    """A recommendation comes from the loop's latest growth conversation."""
    latest = db.exec(
        select(GrowthConversation.id)
        .where(GrowthConversation.loop_id == loop.id)
        .order_by(GrowthConversation.held_on.desc(), GrowthConversation.id.desc())
    ).first()
    return {"conversation_id": latest}


@dataclasses.dataclass(frozen=True)
class Kind:
    name: str  # the stored subject kind, and the timeline's and notifications' kind
    model: type
    author: str  # the column naming who logged it: only they edit or delete it
    action: Action  # who may log it
    check: Callable[[FormCheck, dt.date, dt.date | None], dict]
    noun: str
    label: str  # what the timeline keeps once it is deleted
    logged: str  # the timeline's words for a new one, before what it says
    told: tuple[str, str]  # what the other side reads it was: written down by the owner, or by the manager
    context: Callable[[Session, Loop], dict] = lambda _db, _loop: {}  # values it takes from the loop when logged
    acknowledged: bool = False  # the manager acknowledges its delivery


KINDS = {
    "ask": Kind(
        name="ask",
        model=ManagerAsk,
        author="logged_by_id",
        action=Action.LOG_ASK,
        check=_check_ask,
        noun="Ask",
        label="An ask",
        logged="Ask logged",
        told=("wrote down your ask", "logged an ask"),
        acknowledged=True,
    ),
    "recommendation": Kind(
        name="recommendation",
        model=Recommendation,
        author="recommended_by_id",
        action=Action.LOG_RECOMMENDATION,
        check=_check_recommendation,
        noun="Recommendation",
        label="A recommendation",
        logged="Recommendation",
        told=("wrote down your recommendation", "recommended"),
        context=_latest_conversation,
    ),
}


def kind_named(kind: object) -> Kind:
    if not isinstance(kind, str) or kind not in KINDS:
        raise InvalidInput({"kind": "Unknown kind of item."})
    return KINDS[kind]


@dataclasses.dataclass(frozen=True)
class TrackedItemRow:
    kind: str
    id: int
    what: str
    why: str
    due_on: str
    due_text: str
    priority: str
    status: str
    status_label: str
    percent: int
    outcome: str
    overdue: bool
    logged_by: str
    logged_on: str
    carried: bool
    can_edit: bool  # the author may edit or delete it
    can_update: bool  # the owner records progress on it
    closing_reply: str
    replied: bool
    has_coe: bool
    coe_allowed: bool
    acknowledged: bool
    can_acknowledge: bool  # the manager, once it is delivered
    version: int
    pulse_id: int = 0  # the culture pulse that is its evidence, if any


def is_overdue(item, today: dt.date) -> bool:
    return item.status != ItemStatus.DONE and item.due_on is not None and item.due_on < today


def list_items(db: Session, actor: User, kind: object, loop_id: object, today: dt.date) -> list[TrackedItemRow]:
    """The loop's items of one kind: those that started in it and open ones carried into it."""
    spec = kind_named(kind)
    loop = load_loop(db, actor, loop_id)
    items = items_in_loop(db, spec.model, spec.name, loop.id)
    names = display_names(db, {getattr(i, spec.author) for i in items})
    reviewed = _reviewed(db, loop.id)
    owner = db.get(User, loop.owner_id)
    manager = spec.acknowledged and Relation.MANAGER in relations_to(db, actor, owner)
    is_open = loop.closed_at is None
    rows = []
    for item in items:
        overdue, author_id = is_overdue(item, today), getattr(item, spec.author)
        rows.append(
            TrackedItemRow(
                kind=spec.name,
                id=item.id,
                what=item.what,
                why=item.why,
                due_on=item.due_on.isoformat() if item.due_on else "",
                due_text=describe(item.due_on, today) if item.due_on else "No due date",
                priority=getattr(item, "priority", ""),
                status=item.status,
                status_label=STATUS_LABELS.get(item.status, item.status),
                percent=item.percent,
                outcome=item.outcome,
                overdue=overdue,
                logged_by=names.get(author_id, "someone"),
                logged_on=(getattr(item, "asked_on", None) or local_day(item.created_at, owner.time_zone)).isoformat(),
                carried=item.loop_id != loop.id,
                can_edit=is_open and author_id == actor.id,
                can_update=is_open and loop.owner_id == actor.id,
                closing_reply=getattr(item, "closing_reply", ""),
                replied=getattr(item, "replied_at", None) is not None,
                has_coe=(spec.name, item.id) in reviewed,
                coe_allowed=(spec.name, item.id) in reviewed or item.status == ItemStatus.BLOCKED or overdue,
                acknowledged=getattr(item, "acknowledged_at", None) is not None,
                can_acknowledge=manager and item.status == ItemStatus.DONE and item.acknowledged_at is None,
                version=item.version,
                pulse_id=getattr(item, "pulse_id", None) or 0,  # recommendations take no pulse
            )
        )
    return rows


def described(item) -> list[tuple[str, object]]:
    """An ask or a recommendation as it now reads: what a save refused because it changed shows."""
    priority = [("Priority", item.priority.capitalize())] if isinstance(item, ManagerAsk) else []
    reply = [("Closing reply", item.closing_reply)] if isinstance(item, Recommendation) else []
    return [
        ("What", item.what),
        ("Why", item.why),
        ("Due", item.due_on),
        *priority,
        ("Status", STATUS_LABELS.get(item.status, item.status)),
        ("Percent complete", f"{item.percent}%"),
        ("Outcome", item.outcome),
        *reply,
    ]


def _reviewed(db: Session, loop_id: int) -> set[tuple[str, int]]:
    """(kind, id) of the loop's asks and recommendations that have a COE review, for both lists at once."""
    read = lambda: set(db.exec(_reviewed_items(), params={"loop_id": loop_id}))  # noqa: E731
    return remembered(db, ("coe reviews", loop_id), read, reads=(COEReview,))


@built_once
def _reviewed_items():
    subjects = [
        and_(
            COEReview.subject_kind == k.name,
            COEReview.subject_id.in_(select(k.model.id).where(in_loop(k.model, k.name))),
        )
        for k in KINDS.values()
    ]
    return select(COEReview.subject_kind, COEReview.subject_id).where(or_(*subjects))


def _checked(spec: Kind, data: dict, today: dt.date, keep_due: dt.date | None = None) -> dict:
    form = FormCheck(data)
    values = spec.check(form, today, keep_due)
    form.raise_if_errors()
    return values


def log_item(db: Session, actor: User, kind: object, loop_id: object, data: dict, today: dt.date) -> int:
    """An ask or a recommendation, written down by the professional or their manager; the other side is told."""
    spec = kind_named(kind)
    loop = load_open_loop(db, actor, loop_id, spec.action)
    values = _checked(spec, data, today)
    author = {spec.author: actor.id}
    item = spec.model(loop_id=loop.id, **author, **spec.context(db, loop), **values)
    db.add(item)
    db.flush()
    by_owner, what = actor.id == loop.owner_id, values["what"]
    told = f"{actor.display_name} {spec.told[0] if by_owner else spec.told[1]}: {what}"
    happened(db, loop, actor, spec.name, f"{spec.logged}: {what}", (spec.name, item.id), tell=told, today=today)
    return item.id


def edit_item(db: Session, actor: User, kind: object, item_id: object, data: dict, today: dt.date) -> None:
    """Its author rewrites it; a due date already past may stay as it was."""
    spec = kind_named(kind)
    item, loop = load_authored(db, actor, spec.model, item_id, spec.action)
    values = _checked(spec, data, today, keep_due=item.due_on)
    versions.check(data, item, described)
    for name, value in values.items():
        setattr(item, name, value)
    item.updated_at = utcnow()
    db.add(item)
    timeline.on_loop(db, loop, actor, spec.name, f"{spec.noun} edited: {item.what}", (spec.name, item.id))


def delete_item(db: Session, actor: User, kind: object, item_id: object) -> None:
    """Its author deletes it with its COE review and carry-over links (its progress goes by cascade);
    the timeline keeps that it was deleted, not what it said."""
    spec = kind_named(kind)
    item, loop = load_authored(db, actor, spec.model, item_id, spec.action)
    timeline.deleted(db, loop, actor, (spec.name, item.id), spec.label)
    for review in db.exec(
        select(COEReview).where(COEReview.subject_kind == spec.name, COEReview.subject_id == item.id)
    ):
        db.delete(review)
    forget_carried(db, spec.model, item.id)
    db.delete(item)
