"""A professional's progress over time: the timeline mentors and managers follow."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import CompoundSelect, Select, bindparam, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from magicloop.models import ItemStatus, Loop, ManagerAsk, Recommendation, Stage, TimelineEvent, User
from magicloop.services.comments import SUBJECTS
from magicloop.services.dates import local_moment
from magicloop.services.loops import STAGE_TITLES, shown_owner
from magicloop.services.policy import OWNER
from magicloop.services.prepared import built_once
from magicloop.services.timeline import kind_label, last_event_at
from magicloop.services.validation import FormCheck, page_number

PAGE_SIZE = 25
# Filter name → the timeline event kinds it shows.
KIND_FILTERS = {
    "asks": ("ask", "idea"),
    "deliveries": ("delivery", "progress"),
    "recommendations": ("recommendation", "reply"),
    "feedback": ("feedback", "comment"),
    "ratings": ("rating",),
    "coe": ("coe",),
    "stages": ("stage", "loop"),
    "reviews": ("review",),
}
CHART_MONTHS = 12
THREAD_KINDS = {"growth_conversation": "conversation"}  # timeline names that differ from the thread's


@dataclasses.dataclass(frozen=True)
class ProgressEvent:
    id: int
    loop_label: str  # "Loop 2: Lead our VoC programme"; "" for events outside a loop
    kind: str
    kind_label: str  # "Action step", as people read it
    summary: str
    when: str
    first_of_loop: bool  # starts a new group on the page
    thread_kind: str  # where a note on this entry goes: the item's thread, else the loop's ("" for none)
    thread_id: int


def _thread_of(event) -> dict[str, str | int]:
    """A note on a timeline entry (a row of `_events`) joins the thread of what it records, or of its loop."""
    kind = THREAD_KINDS.get(event.subject_kind, event.subject_kind)
    if kind in SUBJECTS and event.subject_id:
        return {"thread_kind": kind, "thread_id": event.subject_id}
    if event.loop_id:
        return {"thread_kind": "loop", "thread_id": event.loop_id}
    return {"thread_kind": "", "thread_id": 0}


@dataclasses.dataclass(frozen=True)
class ProgressPage:
    owner_id: int
    owner_name: str
    events: list[ProgressEvent]
    page: int
    has_more: bool


@dataclasses.dataclass(frozen=True)
class MonthPoint:
    month: str  # "Nov 26"
    delivered: int
    on_time_percent: int  # late deliveries count half, as in the Success Index


@dataclasses.dataclass(frozen=True)
class Glance:
    """A person's loop at a glance, for their manager's and mentors' lists."""

    id: int
    name: str
    loop_id: int  # 0: no loop yet
    loop_number: int
    goal: str
    stage_title: str
    last_activity: str


class Person(NamedTuple):
    """What the lists of people read per person, in one row: the current loop and the last event."""

    id: int
    name: str
    checkin_rrule: str | None
    time_zone: str
    loop_id: int | None  # None: no loop under way
    loop_number: int | None
    goal: str | None
    stage: int | None
    started_at: dt.datetime | None
    last: dt.datetime | None  # the newest timeline event


def people_at_a_glance(db: Session, ids: Select, params: dict) -> list[Person]:
    """The active people among `ids`, by name, in one statement whatever their number.

    `ids` is the set the policy lets the viewer see (`reports_of`, `mentees_of`, with `params`): checked
    once for all.
    """
    return [Person(*row) for row in db.exec(_at_a_glance(ids), params=params).all()]


@built_once
def _at_a_glance(ids: Select) -> Select:
    current = aliased(Loop)
    open_loop = (
        select(current.id)
        .where(current.owner_id == User.id, current.closed_at.is_(None))
        .order_by(current.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            User.id,
            User.display_name,
            User.checkin_rrule,
            User.time_zone,
            Loop.id,
            Loop.number,
            Loop.goal,
            Loop.stage,
            Loop.started_at,
            last_event_at(User.id),
        )
        .outerjoin(Loop, Loop.id == open_loop)
        .where(User.id.in_(ids), User.disabled_at.is_(None))
        .order_by(User.display_name, User.id)
    )


@built_once
def _delivered_since() -> CompoundSelect:
    loops = select(Loop.id).where(Loop.owner_id == OWNER)
    done = [
        select(model.completed_at, model.due_on).where(
            model.loop_id.in_(loops), model.status == ItemStatus.DONE, model.completed_at >= bindparam("since")
        )
        for model in (ManagerAsk, Recommendation)
    ]
    return union_all(*done)


def glance(viewer: User, person: Person) -> Glance:
    return Glance(
        id=person.id,
        name=person.name,
        loop_id=person.loop_id or 0,
        loop_number=person.loop_number or 0,
        goal=person.goal or "",
        stage_title=STAGE_TITLES[Stage(person.stage)] if person.loop_id else "No loop yet",
        last_activity=person.last.astimezone(ZoneInfo(viewer.time_zone)).strftime("%d %b %Y")
        if person.last
        else "none yet",
    )


def timeline(db: Session, actor: User, owner_id: object, filters: dict, page: object, today: dt.date) -> ProgressPage:
    """Every timeline event across all loops, newest first, a page at a time."""
    owner = shown_owner(db, actor, owner_id)
    form = FormCheck(filters)
    asked = form.data.get("kinds")
    kinds = [k for k in asked if isinstance(k, str) and k in KIND_FILTERS] if isinstance(asked, list) else []
    since = form.date("since", "From", today=today, required=False)
    until = form.date("until", "To", today=today, required=False)
    if since and until and since > until:
        form.fail("until", "“To” must not be before “From”.")
    form.raise_if_errors()
    page = page_number(page)
    zone = ZoneInfo(actor.time_zone)
    params = {
        "owner_id": owner.id,
        "kinds": [k for name in kinds for k in KIND_FILTERS[name]],
        "since": since and dt.datetime.combine(since, dt.time(), tzinfo=zone),
        "until": until and dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=zone),
        "offset": page * PAGE_SIZE,
    }
    rows = db.exec(_events(bool(kinds), bool(since), bool(until)), params=params).all()
    events, previous = [], None
    for event in rows[:PAGE_SIZE]:
        label = f"Loop {event.loop_number}: {event.loop_goal}" if event.loop_number is not None else ""
        events.append(
            ProgressEvent(
                id=event.id,
                loop_label=label,
                kind=event.kind,
                kind_label=kind_label(event.kind),
                summary=event.summary,
                when=local_moment(event.created_at, actor.time_zone),
                first_of_loop=label != previous,
                **_thread_of(event),
            )
        )
        previous = label
    return ProgressPage(
        owner_id=owner.id, owner_name=owner.display_name, events=events, page=page, has_more=len(rows) > PAGE_SIZE
    )


@built_once
def _events(kinds: bool, since: bool, until: bool) -> Select:
    """A page of OWNER's timeline, newest first, narrowed by whichever filters are given: rows of what the page
    shows, not ORM objects."""
    shown = (TimelineEvent.id, TimelineEvent.kind, TimelineEvent.summary, TimelineEvent.created_at)
    about = (TimelineEvent.subject_kind, TimelineEvent.subject_id, TimelineEvent.loop_id)
    query = (
        select(*shown, *about, Loop.number.label("loop_number"), Loop.goal.label("loop_goal"))
        .join(Loop, Loop.id == TimelineEvent.loop_id, isouter=True)
        .where(TimelineEvent.owner_id == OWNER)
    )
    if kinds:
        query = query.where(TimelineEvent.kind.in_(bindparam("kinds", expanding=True)))
    if since:
        query = query.where(TimelineEvent.created_at >= bindparam("since"))
    if until:
        query = query.where(TimelineEvent.created_at < bindparam("until"))
    order = (TimelineEvent.created_at.desc(), TimelineEvent.id.desc())
    return query.order_by(*order).offset(bindparam("offset")).limit(PAGE_SIZE + 1)


def monthly_progress(db: Session, actor: User, owner_id: object, today: dt.date) -> list[MonthPoint]:
    """Items delivered per month over the last year, and the share delivered on time."""
    owner = shown_owner(db, actor, owner_id)
    first_month = today.replace(day=1) - relativedelta(months=CHART_MONTHS - 1)
    zone = ZoneInfo(actor.time_zone)
    since = dt.datetime.combine(first_month, dt.time(), tzinfo=zone)
    delivered: Counter = Counter()
    on_time: Counter = Counter()
    for completed_at, due_on in db.exec(_delivered_since(), params={"owner_id": owner.id, "since": since}):
        done_on = completed_at.astimezone(zone).date()
        key = (done_on.year, done_on.month)
        delivered[key] += 1
        on_time[key] += 1 if due_on is None or done_on <= due_on else 0.5
    points = []
    for i in range(CHART_MONTHS):
        month = first_month + relativedelta(months=i)
        key = (month.year, month.month)
        share = round(100 * on_time[key] / delivered[key]) if delivered[key] else 0
        points.append(MonthPoint(month=month.strftime("%b %y"), delivered=delivered[key], on_time_percent=share))
    return points
