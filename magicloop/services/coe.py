"""Correction of Error reviews, for an ask or recommendation that is blocked or overdue."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session, select

from magicloop.models import COEReview, ItemStatus, User, utcnow
from magicloop.services import versions
from magicloop.services.errors import Forbidden
from magicloop.services.loops import load_item
from magicloop.services.notifications import happened
from magicloop.services.policy import Action
from magicloop.services.tracking import is_overdue, kind_named
from magicloop.services.validation import FormCheck

COE_FIELDS = (
    ("what_happened", "What happened", True),
    ("impact", "Impact", False),
    ("root_cause", "Root cause", False),
    ("supporting_data", "Supporting data", False),
    ("lessons", "Lessons learned", False),
    ("corrective_actions", "Corrective actions", False),
)


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
    version: int = 0


def _found(db: Session, kind: str, item_id: int) -> COEReview | None:
    return db.exec(select(COEReview).where(COEReview.subject_kind == kind, COEReview.subject_id == item_id)).first()


def coe_review(db: Session, actor: User, kind: object, item_id: object) -> COEView:
    spec = kind_named(kind)
    item, _ = load_item(db, actor, spec.model, item_id)
    found = _found(db, spec.name, item.id)
    if found is None:
        return COEView()
    fields = {name: getattr(found, name) for name, _, _ in COE_FIELDS}
    return COEView(id=found.id, **fields, exists=True, version=found.version)


def save_coe_review(db: Session, actor: User, kind: object, item_id: object, data: dict, today: dt.date) -> None:
    """A Correction of Error review, for a blocked or overdue item (or to revise one)."""
    spec = kind_named(kind)
    item, loop = load_item(db, actor, spec.model, item_id, Action.EDIT_OWN, writable=True)
    found = _found(db, spec.name, item.id)
    if found is None and item.status != ItemStatus.BLOCKED and not is_overdue(item, today):
        raise Forbidden("A COE review is for an item that is blocked or overdue.")
    form = FormCheck(data)
    values = {
        name: form.text(name, label, max_len=4000, required=required, multiline=True)
        for name, label, required in COE_FIELDS
    }
    form.raise_if_errors()
    versions.check(data, found, lambda review: [(label, getattr(review, name)) for name, label, _ in COE_FIELDS])
    review = found or COEReview(
        loop_id=item.loop_id, author_id=actor.id, subject_kind=spec.name, subject_id=item.id, what_happened=""
    )
    for name, value in values.items():
        setattr(review, name, value)
    review.updated_at = utcnow()
    db.add(review)
    summary = f"{'Revised' if found else 'Wrote'} a COE review: {item.what}"
    happened(db, loop, actor, "coe", summary, (spec.name, item.id))
