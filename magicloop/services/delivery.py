"""Deliver, then tell: progress with its evidence on an ask or recommendation, and the manager's acknowledgement."""

from __future__ import annotations

import dataclasses
import re

from sqlmodel import Session, select

from magicloop.models import ItemStatus, ManagerAsk, ProgressUpdate, User, utcnow
from magicloop.services import versions
from magicloop.services.dates import local_moment
from magicloop.services.errors import Forbidden
from magicloop.services.loops import load_item
from magicloop.services.notifications import DELIVERY_STAGES, happened
from magicloop.services.policy import Action
from magicloop.services.tracking import STATUS_LABELS, described, kind_named
from magicloop.services.validation import FormCheck

_URL = re.compile(r"^https?://[^\s<>\"]+$")
MAX_LINKS = 10


@dataclasses.dataclass(frozen=True)
class ProgressRow:
    id: int
    when: str
    status_label: str
    percent: int
    note_markdown: str  # the note and its evidence links, rendered as safe Markdown


@dataclasses.dataclass(frozen=True)
class ProgressHistory:
    version: int  # of the item, as the dialog opens: what its progress form carries
    rows: list[ProgressRow]


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
    spec = kind_named(kind)
    item, loop = load_item(db, actor, spec.model, item_id, Action.EDIT_OWN, writable=True)
    form = FormCheck(data)
    status = form.choice("status", "Status", list(STATUS_LABELS))
    percent = form.integer("percent", "Percent complete", low=0, high=100)
    note = form.text("note", "Progress note", max_len=4000, required=False, multiline=True)
    links = _links(form)
    outcome = form.text("outcome", "Outcome", max_len=2000, required=status == ItemStatus.DONE, multiline=True)
    form.raise_if_errors()
    versions.check(data, item, described)
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
            **{f"{spec.name}_id": item.id},
        )
    )
    delivered = status == ItemStatus.DONE and item.status != ItemStatus.DONE
    item.status, item.percent, item.updated_at = status, percent, now
    item.outcome = outcome or item.outcome
    item.completed_at = (item.completed_at or now) if status == ItemStatus.DONE else None
    db.add(item)
    subject = (spec.name, item.id)
    if delivered:  # deliver, then tell
        told = f"{actor.display_name} delivered “{item.what}”: {outcome}"
        stage = DELIVERY_STAGES[spec.name]
        happened(db, loop, actor, "delivery", f"Delivered: {item.what}", subject, tell=told, stage=stage)
    else:
        happened(
            db, loop, actor, "progress", f"Progress ({percent}%, {STATUS_LABELS[status].lower()}): {item.what}", subject
        )


def acknowledge_ask(db: Session, actor: User, ask_id: object) -> None:
    """The manager saw the delivery: the professional is told."""
    ask, loop = load_item(db, actor, ManagerAsk, ask_id, Action.ACKNOWLEDGE)
    if ask.status != ItemStatus.DONE:
        raise Forbidden("An ask can be acknowledged once it is delivered.")
    if ask.acknowledged_at is None:
        ask.acknowledged_at, ask.acknowledged_by_id = utcnow(), actor.id
        db.add(ask)
        happened(
            db,
            loop,
            actor,
            "delivery",
            f"{actor.display_name} acknowledged the delivery: {ask.what}",
            ("ask", ask.id),
            tell=f"{actor.display_name} acknowledged your delivery: {ask.what}",
            stage=DELIVERY_STAGES["ask"],
        )


def progress_history(db: Session, actor: User, kind: object, item_id: object) -> ProgressHistory:
    spec = kind_named(kind)
    item, _ = load_item(db, actor, spec.model, item_id)
    column = getattr(ProgressUpdate, f"{spec.name}_id")
    updates = db.exec(
        select(ProgressUpdate)
        .where(column == item.id)
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc())
    ).all()
    rows = [
        ProgressRow(
            id=u.id,
            when=local_moment(u.created_at, actor.time_zone),
            status_label=STATUS_LABELS.get(u.status, u.status),
            percent=u.percent,
            note_markdown=_note_markdown(u.note, u.evidence_links),
        )
        for u in updates
    ]
    return ProgressHistory(version=item.version, rows=rows)


def _note_markdown(note: str, links: str) -> str:
    evidence = "\n".join(f"- <{link}>" for link in links.splitlines() if link)
    return "\n\n".join(part for part in (note, evidence and f"Evidence:\n\n{evidence}") if part)
