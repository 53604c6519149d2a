"""What asks and recommendations share: status, progress with evidence, COE reviews."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from magicloop.models import (
    COEReview,
    ItemStatus,
    ManagerAsk,
    ProgressUpdate,
    Recommendation,
    User,
    utcnow,
)
from magicloop.services import timeline
from magicloop.services.dates import describe
from magicloop.services.errors import Forbidden, InvalidInput
from magicloop.services.loops import forget_carried, load_item
from magicloop.services.notifications import DELIVERY_STAGES, tell_other_side
from magicloop.services.policy import Action
from magicloop.services.validation import FormCheck

TRACKED = {"ask": ManagerAsk, "recommendation": Recommendation}
STATUS_LABELS = {
    ItemStatus.NOT_STARTED: "Not started",
    ItemStatus.IN_PROGRESS: "In progress",
    ItemStatus.BLOCKED: "Blocked",
    ItemStatus.DONE: "Done",
}
_URL = re.compile(r"^https?://[^\s<>\"]+$")
MAX_LINKS = 10


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


@dataclasses.dataclass(frozen=True)
class ProgressRow:
    id: int
    when: str
    status_label: str
    percent: int
    note_markdown: str  # the note and its evidence links, rendered as safe Markdown


@dataclasses.dataclass(frozen=True)
class COEView:
    id: int = 0
    what_happened: str = ""
    impact: str = ""
    root_cause: str = ""
    supporting_data: str = ""
    lessons: str = ""
    corrective_actions: str = ""
    exists: bool = False


def model_for(kind: object):
    if not isinstance(kind, str) or kind not in TRACKED:
        raise InvalidInput({"kind": "Unknown kind of item."})
    return TRACKED[kind]


def is_overdue(item, today: dt.date) -> bool:
    return item.status != ItemStatus.DONE and item.due_on is not None and item.due_on < today


def tracked_row(
    kind: str,
    item,
    *,
    actor: User,
    owner_id: int,
    author_id: int,
    names: dict[int, str],
    today: dt.date,
    carried: bool,
    coe_ids: set[int],
    open_loop: bool,
    viewer_is_manager: bool = False,
) -> TrackedItemRow:
    is_rec = kind == "recommendation"
    logged_on = item.asked_on if kind == "ask" else item.created_at.date()
    return TrackedItemRow(
        kind=kind,
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
        overdue=is_overdue(item, today),
        logged_by=names.get(author_id, "someone"),
        logged_on=logged_on.isoformat(),
        carried=carried,
        can_edit=open_loop and author_id == actor.id,
        can_update=open_loop and owner_id == actor.id,
        closing_reply=item.closing_reply if is_rec else "",
        replied=is_rec and item.replied_at is not None,
        has_coe=item.id in coe_ids,
        coe_allowed=item.id in coe_ids or item.status == ItemStatus.BLOCKED or is_overdue(item, today),
        acknowledged=kind == "ask" and item.acknowledged_at is not None,
        can_acknowledge=kind == "ask"
        and viewer_is_manager
        and item.status == ItemStatus.DONE
        and item.acknowledged_at is None,
    )


def coe_subject_ids(db: Session, kind: str, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(
        db.exec(select(COEReview.subject_id).where(COEReview.subject_kind == kind, COEReview.subject_id.in_(ids))).all()
    )


def _links(form: FormCheck) -> str:
    raw = form.text("evidence_links", "Evidence links", max_len=2000, required=False, multiline=True)
    links = [line.strip() for line in raw.splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        form.fail("evidence_links", f"Add at most {MAX_LINKS} links.")
    elif any(not _URL.match(link) for link in links):
        form.fail("evidence_links", "Put one link a line, each starting with https:// or http://.")
    return "\n".join(links)


def record_progress(db: Session, actor: User, kind: object, item_id: object, data: dict) -> None:
    """The owner's progress on an ask or recommendation: status, percent, evidence, outcome."""
    model = model_for(kind)
    item, loop = load_item(db, actor, model, item_id, Action.EDIT_OWN, writable=True)
    form = FormCheck(data)
    status = form.choice("status", "Status", list(STATUS_LABELS))
    percent = form.integer("percent", "Percent complete", low=0, high=100)
    note = form.text("note", "Progress note", max_len=4000, required=False, multiline=True)
    links = _links(form)
    outcome = form.text("outcome", "Outcome", max_len=2000, required=status == ItemStatus.DONE, multiline=True)
    form.raise_if_errors()
    if status == ItemStatus.DONE:
        percent = 100
    now = utcnow()
    db.add(
        ProgressUpdate(
            loop_id=loop.id,
            author_id=actor.id,
            status=status,
            percent=percent,
            note=note,
            evidence_links=links,
            **{f"{kind}_id": item.id},
        )
    )
    delivered = status == ItemStatus.DONE and item.status != ItemStatus.DONE
    item.status, item.percent, item.updated_at = status, percent, now
    item.outcome = outcome or item.outcome
    item.completed_at = (item.completed_at or now) if status == ItemStatus.DONE else None
    db.add(item)
    what = "Delivered" if delivered else f"Progress ({percent}%, {STATUS_LABELS[status].lower()})"
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="delivery" if delivered else "progress",
        summary=f"{what}: {item.what}",
        loop_id=loop.id,
        subject_kind=kind,
        subject_id=item.id,
    )
    if delivered:  # deliver, then tell
        message = f"{actor.display_name} delivered “{item.what}”: {outcome}"
        tell_other_side(db, loop, actor, "delivery", message, about=(kind, item.id), stage=DELIVERY_STAGES[kind])


def progress_history(db: Session, actor: User, kind: object, item_id: object) -> list[ProgressRow]:
    model = model_for(kind)
    item, _ = load_item(db, actor, model, item_id)
    column = getattr(ProgressUpdate, f"{kind}_id")
    updates = db.exec(
        select(ProgressUpdate)
        .where(column == item.id)
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc())
    ).all()
    zone = ZoneInfo(actor.time_zone)
    return [
        ProgressRow(
            id=u.id,
            when=u.created_at.astimezone(zone).strftime("%d %b %Y, %H:%M"),
            status_label=STATUS_LABELS.get(u.status, u.status),
            percent=u.percent,
            note_markdown=_note_markdown(u.note, u.evidence_links),
        )
        for u in updates
    ]


def _note_markdown(note: str, links: str) -> str:
    evidence = "\n".join(f"- <{link}>" for link in links.splitlines() if link)
    return "\n\n".join(part for part in (note, evidence and f"Evidence:\n\n{evidence}") if part)


COE_FIELDS = (
    ("what_happened", "What happened", True),
    ("impact", "Impact", False),
    ("root_cause", "Root cause", False),
    ("supporting_data", "Supporting data", False),
    ("lessons", "Lessons learned", False),
    ("corrective_actions", "Corrective actions", False),
)


def coe_review(db: Session, actor: User, kind: object, item_id: object) -> COEView:
    model = model_for(kind)
    item, _ = load_item(db, actor, model, item_id)
    found = db.exec(select(COEReview).where(COEReview.subject_kind == kind, COEReview.subject_id == item.id)).first()
    if found is None:
        return COEView()
    return COEView(id=found.id, **{name: getattr(found, name) for name, _, _ in COE_FIELDS}, exists=True)


def save_coe_review(db: Session, actor: User, kind: object, item_id: object, data: dict, today: dt.date) -> None:
    """A Correction of Error review, for a blocked or overdue item (or to revise one)."""
    model = model_for(kind)
    item, loop = load_item(db, actor, model, item_id, Action.EDIT_OWN, writable=True)
    found = db.exec(select(COEReview).where(COEReview.subject_kind == kind, COEReview.subject_id == item.id)).first()
    if found is None and item.status != ItemStatus.BLOCKED and not is_overdue(item, today):
        raise Forbidden("A COE review is for an item that is blocked or overdue.")
    form = FormCheck(data)
    values = {
        name: form.text(name, label, max_len=4000, required=required, multiline=True)
        for name, label, required in COE_FIELDS
    }
    form.raise_if_errors()
    review = found or COEReview(
        loop_id=item.loop_id, author_id=actor.id, subject_kind=kind, subject_id=item.id, what_happened=""
    )
    for name, value in values.items():
        setattr(review, name, value)
    review.updated_at = utcnow()
    db.add(review)
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind="coe",
        summary=f"{'Revised' if found else 'Wrote'} a COE review: {item.what}",
        loop_id=loop.id,
        subject_kind=kind,
        subject_id=item.id,
    )


def delete_tracked_extras(db: Session, kind: str, item_id: int) -> None:
    """Before deleting an item: its COE review goes with it (progress goes by cascade)."""
    for review in db.exec(select(COEReview).where(COEReview.subject_kind == kind, COEReview.subject_id == item_id)):
        db.delete(review)


def save_edit(db: Session, actor: User, loop, kind: str, item, values: dict, summary: str) -> None:
    """Apply checked values to an ask or recommendation, and log the edit."""
    for name, value in values.items():
        setattr(item, name, value)
    item.updated_at = utcnow()
    db.add(item)
    timeline.record(
        db,
        owner_id=loop.owner_id,
        actor=actor,
        kind=kind,
        summary=summary,
        loop_id=loop.id,
        subject_kind=kind,
        subject_id=item.id,
    )


def delete_tracked(db: Session, actor: User, loop, kind: str, item, label: str) -> None:
    """Delete an ask or recommendation with its COE review and carry-over links;
    the timeline keeps that it was deleted, not what it said."""
    timeline.deleted(
        db, owner_id=loop.owner_id, actor=actor, loop_id=loop.id, subject_kind=kind, subject_id=item.id, label=label
    )
    delete_tracked_extras(db, kind, item.id)
    forget_carried(db, TRACKED[kind], item.id)
    db.delete(item)
