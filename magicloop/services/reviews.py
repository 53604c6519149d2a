"""The quarterly review record: the professional's summary and their manager's, each signed off by its side.

Changing a summary withdraws the sign-offs given so far, so both sign what they read. Once both have signed
the review is read-only; its comment thread stays open.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from magicloop.models import QuarterlyReview, User, utcnow
from magicloop.services import timeline, versions
from magicloop.services.accounts import display_names
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.loops import shown_owner
from magicloop.services.notifications import counterpart_ids, notify, review_link
from magicloop.services.policy import Action, allows, relations_to
from magicloop.services.quarters import Quarter
from magicloop.services.success_index import owner_today
from magicloop.services.validation import FormCheck

OWNER, MANAGER = "owner", "manager"
READ_ONLY = "You both signed this review, so it is read-only. Comments stay open."
NOT_YET = "That quarter hasn't started yet."


@dataclasses.dataclass(frozen=True)
class ReviewRecord:
    id: int  # 0: nothing written yet
    owner_summary: str
    manager_summary: str
    manager_summary_by: str  # who wrote the manager's summary
    owner_signed: str  # "Signed on 3 Dec 2026"; "" while not signed
    manager_signed: str  # "Signed by Max Manager on 3 Dec 2026"; "" while not signed
    complete: bool  # both signed: read-only
    my_side: str  # OWNER, MANAGER, or "" for a mentor (read-only)
    signed_by_me: bool
    my_version: int  # how many times the viewer's side has saved its summary: its form carries it


def reviewed(db: Session, actor: User, owner_id: object, quarter_key: object) -> tuple[User, Quarter]:
    """The professional and the quarter a review page names (None: their running quarter), once `actor` may
    see them; a quarter yet to start has nothing to review."""
    owner = shown_owner(db, actor, owner_id)
    running = Quarter.of(owner_today(owner))
    quarter = running if quarter_key is None else Quarter.parse(quarter_key)
    if quarter > running:
        raise NotFound(NOT_YET)
    return owner, quarter


def side_of(db: Session, actor: User, owner: User) -> str:
    """Which summary `actor` writes and signs: their own, or their report's as the manager; "" for neither."""
    relations = relations_to(db, actor, owner)
    if allows(relations, Action.EDIT_OWN):
        return OWNER
    return MANAGER if allows(relations, Action.REVIEW_AS_MANAGER) else ""


def find_review(db: Session, owner: User, quarter: Quarter) -> QuarterlyReview | None:
    query = select(QuarterlyReview).where(QuarterlyReview.owner_id == owner.id, QuarterlyReview.quarter == quarter.key)
    return db.exec(query).first()


def record(db: Session, actor: User, owner: User, quarter: Quarter) -> ReviewRecord:
    """The review as `actor` sees it (an empty one until someone writes in it)."""
    review = find_review(db, owner, quarter) or QuarterlyReview(id=0, owner_id=owner.id, quarter=quarter.key)
    names = display_names(db, {i for i in (review.manager_signed_by_id, review.manager_summary_by_id) if i})
    zone, side = ZoneInfo(actor.time_zone), side_of(db, actor, owner)
    return ReviewRecord(
        id=review.id,
        owner_summary=review.owner_summary,
        manager_summary=review.manager_summary,
        manager_summary_by=names.get(review.manager_summary_by_id, ""),
        owner_signed=_signed("", review.owner_signed_at, zone),
        manager_signed=_signed(names.get(review.manager_signed_by_id, "their manager"), review.manager_signed_at, zone),
        complete=_complete(review),
        my_side=side,
        signed_by_me=bool(side and _signed_at(review, side)),
        my_version=getattr(review, f"{side}_summary_version", 0) or 0,
    )


def review_record(db: Session, actor: User, owner_id: object, quarter_key: object) -> ReviewRecord:
    owner, quarter = reviewed(db, actor, owner_id, quarter_key)
    return record(db, actor, owner, quarter)


def _signed(by: str, at: dt.datetime | None, zone: ZoneInfo) -> str:
    if at is None:
        return ""
    day = at.astimezone(zone).date()
    return f"Signed{' by ' + by if by else ''} on {day.day} {day.strftime('%b %Y')}"


def _signed_at(review: QuarterlyReview, side: str) -> dt.datetime | None:
    return review.owner_signed_at if side == OWNER else review.manager_signed_at


def _complete(review: QuarterlyReview) -> bool:
    return review.owner_signed_at is not None and review.manager_signed_at is not None


def _to_change(db: Session, actor: User, owner_id: object, quarter_key: object):
    """The review about to be written, locked against a simultaneous write, with the actor's side; created
    when nobody has written in it yet (two sides writing the first words at once both find it)."""
    owner, quarter = reviewed(db, actor, owner_id, quarter_key)
    side = side_of(db, actor, owner)
    if not side:
        raise Forbidden()
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    now = utcnow()
    db.exec(
        dialect.insert(QuarterlyReview)
        .values(owner_id=owner.id, quarter=quarter.key, owner_summary="", manager_summary="")
        .values(created_at=now, updated_at=now)
        .on_conflict_do_nothing()
    )
    review = db.exec(
        select(QuarterlyReview)
        .where(QuarterlyReview.owner_id == owner.id, QuarterlyReview.quarter == quarter.key)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if _complete(review):
        raise Forbidden(READ_ONLY)
    return review, owner, quarter, side


def save_summary(db: Session, actor: User, owner_id: object, quarter_key: object, data: dict) -> None:
    """The actor's side of the review, in their words; sign-offs given so far are withdrawn."""
    review, owner, quarter, side = _to_change(db, actor, owner_id, quarter_key)
    saves = getattr(review, f"{side}_summary_version")
    text = getattr(review, f"{side}_summary")
    versions.check(data, _Saves(saves), lambda _: [("Summary", text)])
    form = FormCheck(data)
    summary = form.text("summary", "Your summary", max_len=4000, multiline=True)
    form.raise_if_errors()
    setattr(review, f"{side}_summary", summary)
    setattr(review, f"{side}_summary_version", saves + 1)
    if side == MANAGER:
        review.manager_summary_by_id = actor.id
    withdrawn = review.owner_signed_at or review.manager_signed_at
    review.owner_signed_at = review.manager_signed_at = review.manager_signed_by_id = None
    review.updated_at = utcnow()
    db.add(review)
    whose = "their" if side == OWNER else "the manager's"
    _tell(db, actor, owner, quarter, review, f"{actor.display_name} wrote {whose} summary", withdrawn)


@dataclasses.dataclass(frozen=True)
class _Saves:
    """One side's summary as the version check reads it."""

    version: int


def sign_off(db: Session, actor: User, owner_id: object, quarter_key: object) -> None:
    review, owner, quarter, side = _to_change(db, actor, owner_id, quarter_key)
    if _signed_at(review, side):
        return
    if not (review.owner_summary if side == OWNER else review.manager_summary):
        raise InvalidInput({"summary": "Write your summary before you sign off."})
    now = utcnow()
    if side == OWNER:
        review.owner_signed_at = now
    else:
        review.manager_signed_at, review.manager_signed_by_id = now, actor.id
    review.updated_at = now
    db.add(review)
    done = " — both have signed, so it is complete" if _complete(review) else ""
    _tell(db, actor, owner, quarter, review, f"{actor.display_name} signed off{done}")


def _tell(db, actor: User, owner: User, quarter: Quarter, review: QuarterlyReview, what: str, withdrawn=None) -> None:
    """On the professional's timeline, and to the other side."""
    said = f"Quarterly review {quarter.label}: {what}" + (" (sign-offs withdrawn)" if withdrawn else "")
    timeline.record(
        db, owner_id=owner.id, actor=actor, kind="review", summary=said, subject_kind="review", subject_id=review.id
    )
    link = review_link(owner.id, quarter.key)
    for person in counterpart_ids(db, owner.id, actor):
        notify(db, person, "review", said, link, actor=actor)
