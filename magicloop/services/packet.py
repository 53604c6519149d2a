"""The growth packet: a chosen period of a professional's loops, gathered for a promotion case or a review.

Whoever may see the professional's loops may export it (the professional, their manager, a mentor they
granted); private notes only when the professional exports their own and ticks the box. One read
transaction, a fixed number of statements however long the history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import or_
from sqlmodel import Session, select

from magicloop.models import (
    Competency,
    CompetencyRating,
    ItemStatus,
    Loop,
    ManagerAsk,
    Organisation,
    PrivateNote,
    ProgressUpdate,
    RaterKind,
    Recommendation,
    Stage,
    User,
)
from magicloop.services import audit, success_index
from magicloop.services.audit import AuditKind
from magicloop.services.errors import NotFound
from magicloop.services.loops import STAGE_TITLES
from magicloop.services.policy import Action, allows, authorize, relations_to
from magicloop.services.quarters import Quarter
from magicloop.services.success_index import QuarterIndex
from magicloop.services.validation import FormCheck, is_id

FORMATS = {"markdown": "Markdown", "pdf": "PDF"}
STATUS_LABELS = {"not_started": "Not started", "in_progress": "In progress", "blocked": "Blocked", "done": "Delivered"}


@dataclasses.dataclass(frozen=True)
class PacketItem:
    """An ask or a recommendation, with what shows it was delivered."""

    what: str
    why: str
    status: str  # as people read it
    due: str  # "" when it has no due date
    delivered: str  # the day it was delivered, "" while it is not
    outcome: str
    evidence: list[str]  # links, as recorded with its progress
    reply: str = ""  # a recommendation's closing reply
    replied: str = ""


@dataclasses.dataclass(frozen=True)
class PacketLoop:
    number: int
    goal: str
    target_role: str
    target_date: str
    stage: str
    started: str
    closed: str  # "" while under way
    asks: list[PacketItem]
    recommendations: list[PacketItem]
    private_notes: list[str]


@dataclasses.dataclass(frozen=True)
class RatingRow:
    competency: str
    scores: list[tuple[int, int | None, int | None]]  # (loop number, self, manager), by loop


@dataclasses.dataclass(frozen=True)
class Packet:
    owner_name: str
    organisation: str
    first: dt.date
    last: dt.date
    generated: dt.date
    goal: str  # the latest loop's
    target_role: str
    loops: list[PacketLoop]
    ratings: list[RatingRow]
    quarters: list[QuarterIndex]  # the Success Index of each quarter the period touches
    with_private_notes: bool
    format: str  # "markdown" or "pdf"


def _day(moment: dt.datetime | dt.date | None, zone: ZoneInfo) -> str:
    if moment is None:
        return ""
    day = moment.astimezone(zone).date() if isinstance(moment, dt.datetime) else moment
    return f"{day.day} {day.strftime('%b %Y')}"


def _check(form: object, actor: User, owner: User, today: dt.date) -> tuple[dt.date, dt.date, bool, str]:
    check = FormCheck(form if isinstance(form, dict) else {})
    # Left empty, the period is the last twelve months.
    first = check.date("since", "From", today=today, required=False) or today - relativedelta(years=1)
    last = check.date("until", "To", today=today, required=False) or today
    if first and last and first > last:
        check.fail("until", "“To” must not be before “From”.")
    private = check.data.get("private_notes") in ("on", True, "true")
    if private and actor.id != owner.id:
        check.fail("private_notes", "Private notes stay with their owner: only they can include them.")
    chosen = check.choice("format", "format", FORMATS, default="pdf")
    check.raise_if_errors()
    return first, last, private, chosen


def gather(db: Session, actor: User, owner_id: object, form: object, today: dt.date) -> Packet:
    """The packet of `owner_id` for the period the form names, as `actor` may see it; the export is logged."""
    owner = db.get(User, owner_id) if is_id(owner_id) else None
    if owner is None:
        raise NotFound("That person doesn't exist.")
    authorize(db, actor, Action.VIEW, owner)
    first, last, private, chosen = _check(form, actor, owner, today)
    private = private and allows(relations_to(db, actor, owner), Action.VIEW_PRIVATE)
    zone = ZoneInfo(actor.time_zone)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    loops = list(
        db.exec(
            select(Loop)
            .where(
                Loop.owner_id == owner.id, Loop.started_at < end, or_(Loop.closed_at.is_(None), Loop.closed_at >= start)
            )
            .order_by(Loop.number)
        )
    )
    ids = [loop.id for loop in loops]
    items = _items(db, ids, zone)
    notes = _notes(db, ids) if private else {}
    organisation = db.get(Organisation, owner.organisation_id)
    quarters = [Quarter.of(first)]
    while quarters[-1] < Quarter.of(last):
        quarters.append(quarters[-1].shifted(1))
    latest = loops[-1] if loops else None
    audit.record(
        db,
        AuditKind.EXPORTED,
        actor=actor,
        subject=owner,
        detail=f"growth packet {first}–{last} as {FORMATS[chosen]}" + (", with private notes" if private else ""),
    )
    return Packet(
        owner_name=owner.display_name,
        organisation=organisation.name if organisation else "",
        first=first,
        last=last,
        generated=today,
        goal=latest.goal if latest else "",
        target_role=latest.target_role if latest else "",
        loops=[_loop(loop, items, notes.get(loop.id, []), zone) for loop in loops],
        ratings=_ratings(db, loops),
        quarters=success_index.of_quarters(db, owner, quarters, today),
        with_private_notes=private,
        format=chosen,
    )


def _loop(loop: Loop, items: dict, notes: list[str], zone: ZoneInfo) -> PacketLoop:
    return PacketLoop(
        number=loop.number,
        goal=loop.goal,
        target_role=loop.target_role,
        target_date=_day(loop.target_date, zone),
        stage=STAGE_TITLES[Stage(loop.stage)],
        started=_day(loop.started_at, zone),
        closed=_day(loop.closed_at, zone),
        asks=items[("ask", loop.id)],
        recommendations=items[("recommendation", loop.id)],
        private_notes=notes,
    )


def _items(db: Session, loop_ids: list[int], zone: ZoneInfo) -> dict[tuple[str, int], list[PacketItem]]:
    """Every ask and recommendation of these loops with its evidence: three statements."""
    evidence: dict[tuple[str, int], list[str]] = defaultdict(list)
    updates = select(ProgressUpdate).where(ProgressUpdate.loop_id.in_(loop_ids), ProgressUpdate.evidence_links != "")
    for update in db.exec(updates.order_by(ProgressUpdate.created_at, ProgressUpdate.id)):
        key = ("ask", update.ask_id) if update.ask_id else ("recommendation", update.recommendation_id)
        for link in update.evidence_links.split():
            if link not in evidence[key]:
                evidence[key].append(link)
    found: dict[tuple[str, int], list[PacketItem]] = defaultdict(list)
    for kind, model in (("ask", ManagerAsk), ("recommendation", Recommendation)):
        rows = db.exec(select(model).where(model.loop_id.in_(loop_ids)).order_by(model.due_on, model.id))
        for item in rows:
            done = item.status == ItemStatus.DONE
            found[(kind, item.loop_id)].append(
                PacketItem(
                    what=item.what,
                    why=item.why,
                    status=STATUS_LABELS.get(item.status, item.status),
                    due=_day(item.due_on, zone),
                    delivered=_day(item.completed_at, zone) if done else "",
                    outcome=item.outcome,
                    evidence=evidence[(kind, item.id)],
                    reply=getattr(item, "closing_reply", ""),
                    replied=_day(getattr(item, "replied_at", None), zone),
                )
            )
    return found


def _notes(db: Session, loop_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    query = select(PrivateNote).where(PrivateNote.loop_id.in_(loop_ids)).order_by(PrivateNote.created_at)
    for note in db.exec(query):
        found[note.loop_id].append(note.body)
    return found


def _ratings(db: Session, loops: list[Loop]) -> list[RatingRow]:
    """Each competency rated in these loops, matched by key across framework versions and named as the newest
    loop that rated it names it, with the self and manager scores of each loop: one statement."""
    numbers = {loop.id: loop.number for loop in loops}
    scores: dict[str, dict[int, list[int | None]]] = defaultdict(lambda: defaultdict(lambda: [None, None]))
    named: dict[str, tuple[int, int, str]] = {}  # key -> (newest loop number rating it, position there, name)
    query = (
        select(CompetencyRating, Competency)
        .join(Competency, Competency.id == CompetencyRating.competency_id)
        .where(CompetencyRating.loop_id.in_(list(numbers)))
    )
    for rating, competency in db.exec(query):
        number = numbers[rating.loop_id]
        pair = scores[competency.key][number]
        pair[0 if rating.rater_kind == RaterKind.SELF else 1] = rating.score
        if number > named.get(competency.key, (0,))[0]:
            named[competency.key] = (number, competency.position, competency.name)
    # The newest loop's competencies in its order first, then those only older loops rated.
    ordered = sorted(named, key=lambda key: (-named[key][0], named[key][1]))
    return [
        RatingRow(competency=named[key][2], scores=[(n, *pair) for n, pair in sorted(scores[key].items())])
        for key in ordered
    ]
