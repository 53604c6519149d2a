"""What a manager's reports are waiting on them for — each a link to the exact item.

One definition, shown on the manager's dashboard ("Needs you") and per report on
the team page. Read for all reports at once: one statement, not a few per person.
What is waiting belongs to each report's loop under way, so the list stays as long
as the work at hand, not as long as the team's history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Select, String, bindparam, exists, literal, null, or_, union_all
from sqlmodel import Session, select

from magicloop.models import (
    GrowthConversation,
    Idea,
    ItemStatus,
    Loop,
    ManagerAsk,
    QuarterlyReview,
    Recommendation,
    Stage,
    User,
)
from magicloop.services.cadence import missed_checkin
from magicloop.services.notifications import DELIVERY_STAGES, loop_link, review_link
from magicloop.services.prepared import built_once
from magicloop.services.progress import Person
from magicloop.services.quarters import Quarter, review_due

ACKNOWLEDGE, RECOMMEND, DECIDE, CHECK_IN, REVIEW = "acknowledge", "recommend", "decide", "check_in", "review"
# A delivery waits this long for acknowledgement once its loop is closed.
RECENT_DELIVERY = dt.timedelta(days=30)


@dataclasses.dataclass(frozen=True)
class NeedRow:
    kind: str  # ACKNOWLEDGE, RECOMMEND, DECIDE, CHECK_IN or REVIEW
    person_id: int
    text: str  # "Acknowledge Pat's delivery: Own the CSAT read-out"
    link: str


def needs_of(db: Session, people: list[Person], now: dt.datetime, today: dt.date) -> list[NeedRow]:
    """For reports the caller has already been authorised to coach: one statement for any number of them.
    In the last two weeks of a quarter, each review the manager has yet to sign is one of them."""
    first = {person.id: person.name.split()[0] for person in people}
    if not first:
        return []
    under_way = [person.loop_id for person in people if person.loop_id]
    grown = [person.loop_id for person in people if person.loop_id and person.stage >= Stage.GROW]
    waiting = _waiting(db, list(first), under_way, grown, now - RECENT_DELIVERY, review_due(today))
    found = [
        _need(kind, owner_id, first[owner_id], loop_id, item_id, text)
        for kind, owner_id, loop_id, item_id, text in waiting
    ]
    for person in people:
        if person.loop_id and (missed := missed_check_in(person, now)):
            text = f"Check in with {first[person.id]}: nothing since the check-in due {missed:%a %-d %b}"
            found.append(NeedRow(CHECK_IN, person.id, text, loop_link(person.loop_id)))
    return found


def missed_check_in(person: Person, now: dt.datetime) -> dt.date | None:
    """The check-in day, in the person's own time zone, that left their current loop stale."""
    return missed_checkin(person.checkin_rrule, person.time_zone, person.started_at, person.last, now)


def _waiting(
    db: Session,
    owner_ids: list[int],
    loop_ids: list[int],
    grown_loop_ids: list[int],
    delivered_since: dt.datetime,
    review: Quarter | None,
) -> list:
    """Deliveries to acknowledge in the loops under way or since `delivered_since` (a loop closed just after
    its last delivery), ideas to decide in the loops under way (where they can be decided), in those at the
    growth stages a growth conversation with no recommendation after it yet, and the `review` quarter's reviews
    without the manager's sign-off: (kind, owner, loop, item, text), in that order."""
    params = {
        "owner_ids": owner_ids,
        "loop_ids": loop_ids,
        "grown_loop_ids": grown_loop_ids,
        "delivered_since": delivered_since,
        "quarter": review.key if review else "",
    }
    return db.exec(_everything_waiting(with_reviews=review is not None), params=params).all()


@built_once
def _everything_waiting(with_reviews: bool) -> Select:
    owner_ids, quarter = bindparam("owner_ids", expanding=True), bindparam("quarter", type_=String)
    under_way = Loop.id.in_(bindparam("loop_ids", expanding=True))
    delivered = (
        select(
            literal(ACKNOWLEDGE),
            Loop.owner_id,
            Loop.id,
            ManagerAsk.id,
            ManagerAsk.what,
            literal(0),
            ManagerAsk.completed_at,
        )
        .join(Loop, Loop.id == ManagerAsk.loop_id)
        .where(
            Loop.owner_id.in_(owner_ids),
            ManagerAsk.status == ItemStatus.DONE,
            ManagerAsk.acknowledged_at.is_(None),
            or_(under_way, ManagerAsk.completed_at >= bindparam("delivered_since")),
        )
    )
    ideas = (
        select(literal(DECIDE), Loop.owner_id, Loop.id, Idea.id, Idea.proposal, literal(1), null())
        .join(Loop, Loop.id == Idea.loop_id)
        .where(under_way, Idea.status == "pending")
    )
    talked = exists().where(GrowthConversation.loop_id == Loop.id)
    recommended = exists().where(Recommendation.loop_id == Loop.id)
    owed = select(literal(RECOMMEND), Loop.owner_id, Loop.id, Loop.id, literal(""), literal(2), null()).where(
        Loop.id.in_(bindparam("grown_loop_ids", expanding=True)), talked, ~recommended
    )
    reviews = []
    if with_reviews:
        signed = exists().where(
            QuarterlyReview.owner_id == User.id,
            QuarterlyReview.quarter == quarter,
            QuarterlyReview.manager_signed_at.is_not(None),
        )
        reviews.append(
            select(literal(REVIEW), User.id, literal(0), literal(0), quarter, literal(3), null()).where(
                User.id.in_(owner_ids), ~signed
            )
        )
    everything = union_all(delivered, ideas, owed, *reviews).subquery()
    kind, owner_id, loop_id, item_id, text, place, delivered_at = everything.c
    # Deliveries in the order they came, ideas and loops in the order they were made.
    return select(kind, owner_id, loop_id, item_id, text).order_by(place, delivered_at, item_id)


def _need(kind: str, owner_id: int, name: str, loop_id: int, item_id: int, text: str) -> NeedRow:
    if kind == ACKNOWLEDGE:
        link = loop_link(loop_id, "ask", item_id, stage=DELIVERY_STAGES["ask"])
        return NeedRow(kind, owner_id, f"Acknowledge {name}'s delivery: {text}", link)
    if kind == DECIDE:
        return NeedRow(kind, owner_id, f"Decide {name}'s idea: {text}", loop_link(loop_id, "idea", item_id))
    if kind == REVIEW:
        quarter = Quarter.parse(text)
        ends = f"{quarter.last_day.day} {quarter.last_day.strftime('%b')}"
        return NeedRow(
            kind, owner_id, f"Sign off {name}'s {quarter.label} review by {ends}", review_link(owner_id, text)
        )
    return NeedRow(
        kind,
        owner_id,
        f"Recommend next steps for {name} after your growth conversation",
        loop_link(loop_id, stage=Stage.RECOMMENDED),
    )


def count(needs: list[NeedRow], person_id: int, kind: str) -> int:
    return sum(1 for need in needs if need.person_id == person_id and need.kind == kind)
