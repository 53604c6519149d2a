"""The quarterly review page, in one call: everything a manager prepares the review from, and the review.

The quarter's Success Index with its items and its trend, the loops that ran in it, the closure of the
feedback given in it, the competency ratings of its last loop against the one before, and both summaries
with their sign-offs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlmodel import Session

from magicloop.models import Loop, User, utcnow
from magicloop.services import closure, pictures, quarters, success_index
from magicloop.services.insights import Pictures, compared_loops
from magicloop.services.loops import owner_loops
from magicloop.services.quarters import Quarter
from magicloop.services.reviews import ReviewRecord, record, reviewed


@dataclasses.dataclass(frozen=True)
class ReviewPage:
    owner_id: int
    owner_name: str
    quarter: str  # "2026Q4"
    label: str  # "2026 Q4"
    previous: str  # the quarter before, for the way back
    next: str  # the quarter after; "" when it hasn't started
    running: bool
    ends: str  # "31 Dec 2026"
    pictures: Pictures  # the index of the eight quarters ending with this one; the closure of what was given
    # in it, the loops that ran in it, the ratings of its last loop
    review: ReviewRecord


def _ran_in(loop: Loop, quarter: Quarter) -> bool:
    started, closed = loop.started_at.date(), loop.closed_at.date() if loop.closed_at else None
    return started <= quarter.last_day and (closed is None or closed >= quarter.first_day)


def open_review(
    db: Session, actor: User, person: object, quarter_key: object, now: dt.datetime | None = None
) -> ReviewPage:
    """`person` is whose review (their id, None for the actor's own); `quarter_key` "2026Q4", None for the
    running quarter."""
    now = now or utcnow()
    owner, quarter = reviewed(db, actor, actor.id if person is None else person, quarter_key)
    today = success_index.owner_today(owner, now)
    loops = owner_loops(db, owner.id)  # newest first
    ran = [loop for loop in loops if _ran_in(loop, quarter)]
    lengths = pictures.loop_lengths(db, loops, ZoneInfo(actor.time_zone), now)
    begun = [loop for loop in loops if loop.started_at.date() <= quarter.last_day]
    ratings, compared = compared_loops(db, begun)
    following = quarter.shifted(1)
    return ReviewPage(
        owner_id=owner.id,
        owner_name=owner.display_name,
        quarter=quarter.key,
        label=quarter.label,
        previous=quarter.shifted(-1).key,
        next=following.key if following.first_day <= today else "",
        running=not quarter.ended(today),
        ends=f"{quarter.last_day.day} {quarter.last_day.strftime('%b %Y')}",
        pictures=Pictures(
            index=success_index.of_quarters(db, owner, quarters.trend(quarter), today),
            closure=closure.closure(closure.feedback_given(db, [owner.id], quarter.first_day, quarter.last_day)),
            closure_parts=[],
            loops=[length for length in lengths if length.number in {loop.number for loop in ran}],
            ratings=ratings,
            compared=compared,
            readiness=[],
        ),
        review=record(db, actor, owner, quarter),
    )
