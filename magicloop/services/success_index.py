"""The Success Index: per professional and calendar quarter, the share of committed items delivered on time.

Committed items are the asks, recommendations and action steps whose due date falls in the quarter (an
item whose due date moves counts in the quarter of its new date; a deleted item is gone). Delivered on or
before its due date, in the professional's time zone, an item counts 1; delivered late, ½; not delivered
once its due date has passed, 0. Until then it is still open and not counted: a running quarter's index is
the index so far, over what has been delivered or fallen due.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import case, literal, union_all
from sqlmodel import Session, select

from magicloop.models import ActionStep, ItemStatus, Loop, ManagerAsk, Recommendation, User, utcnow
from magicloop.services.dates import local_day
from magicloop.services.notifications import loop_link
from magicloop.services.quarters import Quarter

ON_TIME, LATE, MISSED, OVERDUE, OPEN = "On time", "Late", "Not delivered", "Overdue", "Open"
POINTS = {ON_TIME: 1.0, LATE: 0.5, MISSED: 0.0, OVERDUE: 0.0}
POINTS_SHOWN = {1.0: "1", 0.5: "½", 0.0: "0"}
KIND_LABELS = {"ask": "Ask", "recommendation": "Recommendation", "action_step": "Action step"}


@dataclasses.dataclass(frozen=True)
class Committed:
    """An item with a due date, as the index sees it."""

    kind: str  # "ask", "recommendation", "action_step"
    id: int
    loop_id: int
    owner_id: int
    what: str
    due_on: dt.date
    done_on: dt.date | None  # delivered that day in the professional's time zone; None: not delivered


@dataclasses.dataclass(frozen=True)
class IndexItem:
    """One item behind a quarter's number."""

    kind_label: str
    what: str
    due: str  # "12 Dec 2026"
    delivered: str  # "" while not delivered
    outcome: str  # ON_TIME, LATE, MISSED, OVERDUE or OPEN
    points: str  # "1", "½", "0"; "" while open and not counted
    link: str  # the item on its loop page


@dataclasses.dataclass(frozen=True)
class QuarterIndex:
    key: str  # "2026Q4"
    label: str  # "2026 Q4"
    percent: int | None  # None: nothing counted (yet)
    counted: int  # items delivered or fallen due
    points: float
    still_open: int  # not delivered and not yet due: not counted yet
    running: bool  # the quarter is not over: the index so far
    committed: list[IndexItem]  # the items behind the number


def outcome(item: Committed, today: dt.date) -> str:
    """How an item stands on `today`, the professional's today."""
    if item.done_on is not None:
        return ON_TIME if item.done_on <= item.due_on else LATE
    if item.due_on >= today:
        return OPEN
    return MISSED if Quarter.of(item.due_on).ended(today) else OVERDUE


def committed_items(db: Session, owners, first: dt.date, last: dt.date) -> list[Committed]:
    """Every committed item of the professionals `owners` (ids, or a select of them) due from `first` to `last`,
    in one statement however many there are."""
    done = ItemStatus.DONE
    parts = [
        _due_between(model, kind, text, delivered, owners, first, last)
        for model, kind, text, delivered in (
            (ManagerAsk, "ask", ManagerAsk.what, case((ManagerAsk.status == done, ManagerAsk.completed_at))),
            (
                Recommendation,
                "recommendation",
                Recommendation.what,
                case((Recommendation.status == done, Recommendation.completed_at)),
            ),
            (ActionStep, "action_step", ActionStep.description, ActionStep.done_at),
        )
    ]
    found = []
    for kind, item_id, loop_id, owner_id, time_zone, what, due_on, delivered_at in db.exec(
        union_all(*parts).order_by("due_on", "kind", "id")
    ):
        done_on = local_day(delivered_at, time_zone) if delivered_at else None
        found.append(Committed(kind, item_id, loop_id, owner_id, what, due_on, done_on))
    return found


def _due_between(model, kind: str, text, delivered, owners, first: dt.date, last: dt.date):
    return (
        select(
            literal(kind).label("kind"),
            model.id.label("id"),
            model.loop_id,
            Loop.owner_id,
            User.time_zone,
            text.label("what"),
            model.due_on.label("due_on"),
            delivered.label("delivered_at"),
        )
        .join(Loop, Loop.id == model.loop_id)
        .join(User, User.id == Loop.owner_id)
        .where(Loop.owner_id.in_(owners), model.due_on >= first, model.due_on <= last)
    )


def quarter_index(quarter: Quarter, items: Iterable[Committed], today: dt.date) -> QuarterIndex:
    """The index of one quarter from its committed items, on the professional's `today`."""
    mine = [item for item in items if quarter.contains(item.due_on)]
    judged = [(item, outcome(item, today)) for item in mine]
    scored = [POINTS[result] for _, result in judged if result in POINTS]
    points = sum(scored)
    return QuarterIndex(
        key=quarter.key,
        label=quarter.label,
        percent=int(100 * points / len(scored) + 0.5) if scored else None,
        counted=len(scored),
        points=points,
        still_open=sum(1 for _, result in judged if result == OPEN),
        running=not quarter.ended(today),
        committed=[_row(item, result) for item, result in judged],
    )


def _row(item: Committed, result: str) -> IndexItem:
    return IndexItem(
        kind_label=KIND_LABELS[item.kind],
        what=item.what,
        due=_day(item.due_on),
        delivered=_day(item.done_on) if item.done_on else "",
        outcome=result,
        points=POINTS_SHOWN[POINTS[result]] if result in POINTS else "",
        link=loop_link(item.loop_id, item.kind, item.id),
    )


def _day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def owner_today(owner: User, now: dt.datetime | None = None) -> dt.date:
    """Today where the professional is: due dates are theirs."""
    return local_day(now or utcnow(), owner.time_zone)


def of_quarters(db: Session, owner: User, quarters: list[Quarter], today: dt.date) -> list[QuarterIndex]:
    """The index of each of `quarters` (consecutive, oldest first) for one professional, in one statement."""
    items = committed_items(db, [owner.id], quarters[0].first_day, quarters[-1].last_day)
    return [quarter_index(quarter, items, today) for quarter in quarters]


def by_owner(items: Iterable[Committed]) -> dict[int, list[Committed]]:
    grouped: dict[int, list[Committed]] = defaultdict(list)
    for item in items:
        grouped[item.owner_id].append(item)
    return grouped
