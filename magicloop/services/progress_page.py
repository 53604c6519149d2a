"""Opening a professional's progress page: the chart and the first page of the timeline in one call."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session

from magicloop.models import User
from magicloop.services import mentoring, progress
from magicloop.services.policy import Relation, relations_to
from magicloop.services.progress import MonthPoint, ProgressPage


@dataclasses.dataclass(frozen=True)
class ProgressOpened:
    months: list[MonthPoint]
    page: ProgressPage


def open_progress(db: Session, actor: User, owner_id: object, filters: dict, today: dt.date) -> ProgressOpened:
    """A mentor's visit also resets their news of that person."""
    page = progress.timeline(db, actor, owner_id, filters, 0, today)  # refuses whoever may not see it
    months = progress.monthly_progress(db, actor, owner_id, today)
    if Relation.MENTOR in relations_to(db, actor, db.get(User, owner_id)):
        mentoring.record_visit(db, actor, owner_id)
    return ProgressOpened(months, page)
