"""The in-app inbox and due reminders (the daily email digest: services/digests.py).

Notifications live in the database, so every app worker sees them; an open
tab learns of new ones when the change is pushed to it (see broadcast.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, func, literal, or_, union_all, update
from sqlmodel import Session, select

from magicloop import routes
from magicloop.models import ItemStatus, Loop, ManagerAsk, Notification, Recommendation, ReportingLine, User, utcnow
from magicloop.services import changes, timeline
from magicloop.services.loops import current_loop, in_loop
from magicloop.services.policy import OWNER, TODAY, followed_owner_ids, line_is_current
from magicloop.services.prepared import built_once
from magicloop.services.recall import remembered
from magicloop.services.validation import is_id, page_number

PAGE_SIZE = 20
DAY = dt.timedelta(days=1)  # the first reminder comes the day before an item is due
OVERDUE_REMINDER_EVERY = dt.timedelta(days=7)


@dataclasses.dataclass(frozen=True)
class NotificationRow:
    id: int
    message: str
    when: str
    unread: bool


def notify(
    db: Session, recipient_id: int | None, kind: str, message: str, link: str = "", *, actor: User | None = None
) -> None:
    """Tell someone; never the person who acted, and never about private notes."""
    if recipient_id is None or (actor is not None and actor.id == recipient_id):
        return
    db.add(Notification(recipient_id=recipient_id, kind=kind, message=message[:300], link=link[:300]))


DELIVERY_STAGES = {"ask": 3, "recommendation": 5}  # where each is worked on and delivered
# Where each kind of item shows on the loop page: its stage, and whether it has a card to bring into view.
ITEM_STAGES = {
    "action_step": 1,
    "reflection": 1,
    "ask": 2,
    "idea": 2,
    "stage_reflection": 3,
    "progress": 3,
    "coe": 3,
    "conversation": 4,
    "recommendation": 5,
}
CARDS = {
    "action_step": "step",
    "ask": "ask",
    "idea": "idea",
    "conversation": "conversation",
    "recommendation": "recommendation",
}


def loop_link(loop_id: int, kind: str = "", item_id: int | None = None, *, stage: int = 0, thread: bool = False) -> str:
    """The loop page at the stage that holds the item, the item brought into view, its thread open if asked."""
    link = f"{routes.LOOP}?id={loop_id}"
    if stage := stage or ITEM_STAGES.get(kind, 0):
        link += f"&stage={stage}"
    if item_id and kind in CARDS:
        link += f"&item={CARDS[kind]}-{item_id}"
    if item_id and thread:
        link += f"&thread={kind}-{item_id}"
    return link


def progress_link(owner_id: int) -> str:
    return f"{routes.PROGRESS}?person={owner_id}"


def review_link(owner_id: int, quarter: str, *, thread: int = 0) -> str:
    """A professional's quarterly review ("2026Q4"), its comment thread open when `thread` names the review."""
    return f"{routes.REVIEW}?person={owner_id}&quarter={quarter}" + (f"&thread=review-{thread}" if thread else "")


@built_once
def _managers_of_owner():
    return select(ReportingLine.manager_id).where(ReportingLine.report_id == OWNER, *line_is_current(TODAY))


def current_manager_ids(db: Session, report_id: int, today: dt.date) -> list[int]:
    params = {"owner_id": report_id, "today": today}
    read = lambda: list(db.exec(_managers_of_owner(), params=params))  # noqa: E731
    return remembered(db, ("managers", report_id, today), read, reads=(ReportingLine,))


def counterpart_ids(db: Session, owner_id: int, actor: User, today: dt.date | None = None) -> list[int]:
    """The other side of a loop's conversation from `actor`: the professional's current
    managers when the professional acts, the professional when their manager does."""
    if actor.id != owner_id:
        return [owner_id]
    return [m for m in current_manager_ids(db, owner_id, today or utcnow().date()) if m != actor.id]


def tell_other_side(
    db: Session,
    loop: Loop,
    actor: User,
    kind: str,
    message: str,
    today: dt.date | None = None,
    *,
    about: tuple[str, int] | None = None,
    stage: int = 0,
) -> None:
    """The loop is a conversation: what the professional does reaches their manager, and
    what the manager does reaches the professional, whoever first wrote the item down.
    The notification leads to the item `about` ("ask", 12) at its stage (or `stage`)."""
    link = loop_link(loop.id, *about, stage=stage) if about else loop_link(loop.id, stage=stage)
    for recipient_id in counterpart_ids(db, loop.owner_id, actor, today):
        notify(db, recipient_id, kind, message, link, actor=actor)


def happened(
    db: Session,
    loop: Loop,
    actor: User,
    kind: str,
    summary: str,
    subject: tuple[str, int] | None = None,
    *,
    tell: str = "",
    today: dt.date | None = None,
    about: tuple[str, int] | None = None,
    stage: int = 0,
) -> None:
    """A write on a loop goes on its timeline; with `tell`, the other side also hears of it,
    led to `about` (the subject by default)."""
    timeline.on_loop(db, loop, actor, kind, summary, subject)
    if tell:
        tell_other_side(db, loop, actor, kind, tell, today, about=about or subject, stage=stage)


def live_status(db: Session, actor: User) -> tuple[int, list[int]]:
    """What an open tab checks when something changed for its person: the unread count, and who they may follow."""
    return unread_count(db, actor), followed_owner_ids(db, actor)


def unread_count(db: Session, actor: User) -> int:
    return db.exec(_unread(), params={"recipient_id": actor.id}).one()


@built_once
def _unread():
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.recipient_id == bindparam("recipient_id"), Notification.read_at.is_(None))
    )


def inbox(db: Session, actor: User, page: object = 0) -> tuple[list[NotificationRow], bool]:
    """One page of notifications, newest first, and whether there are more."""
    page = page_number(page)
    rows = db.exec(
        select(Notification)
        .where(Notification.recipient_id == actor.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    ).all()
    zone = ZoneInfo(actor.time_zone)
    shown = [
        NotificationRow(
            id=n.id,
            message=n.message,
            unread=n.read_at is None,
            when=n.created_at.astimezone(zone).strftime("%d %b, %H:%M"),
        )
        for n in rows[:PAGE_SIZE]
    ]
    return shown, len(rows) > PAGE_SIZE


def mark_read(db: Session, actor: User, notification_id: object = None) -> None:
    """One notification, or all of them when no id is given."""
    query = update(Notification).where(Notification.recipient_id == actor.id, Notification.read_at.is_(None))
    if notification_id is not None:
        if not is_id(notification_id):
            return
        query = query.where(Notification.id == notification_id)
    db.exec(query.values(read_at=utcnow()))
    changes.announce(db, f"user:{actor.id}")  # the person's other tabs show the new count


def open_notification(db: Session, actor: User, notification_id: object) -> str:
    """Mark one of the person's own notifications read; where it leads, built here, never taken from the client."""
    found = db.get(Notification, notification_id) if is_id(notification_id) else None
    if found is None or found.recipient_id != actor.id:
        return ""
    mark_read(db, actor, found.id)
    return found.link


_REMINDED = {"ask": ManagerAsk, "recommendation": Recommendation}


def remind_due(db: Session, actor: User, today: dt.date) -> int:
    """The owner's open items in their open loop that fall due or stay overdue. Done, deleted
    and closed loops' items are never reminded of."""
    loop = current_loop(db, actor.id)
    if loop is None:
        return 0
    days = {
        "today": today,
        "tomorrow": today + DAY,
        "yesterday": today - DAY,
        "week_ago": today - OVERDUE_REMINDER_EVERY,
    }
    due = sorted(db.exec(_due_for_a_reminder(), params={"loop_id": loop.id, **days}).all())
    for kind, item_id, loop_id, what, due_on in due:
        when = {1: "is due tomorrow", 0: "is due today"}.get((due_on - today).days, "is overdue")
        link = loop_link(loop_id, kind, item_id, stage=DELIVERY_STAGES[kind])
        notify(db, actor.id, "due", f"“{what[:120]}” {when}", link)
    for kind, model in _REMINDED.items():
        if reminded := [item_id for item_kind, item_id, *_ in due if item_kind == kind]:
            # Bookkeeping, not an edit: a bulk UPDATE leaves the items' versions (models.base.Versioned) alone,
            # so a form opened on one before the reminder still saves.
            db.exec(update(model).where(model.id.in_(reminded)).values(reminded_on=today))
    return len(due)


@built_once
def _due_for_a_reminder():
    """The items of LOOP (carried ones too) to remind of: once when one falls due (from the day before), then at
    most once a week while it is overdue; a due date moved later starts over. Read as rows, the few that are due."""
    return union_all(*(_due(model, kind) for kind, model in _REMINDED.items()))


def _due(model, kind: str):
    today, tomorrow, reminded = bindparam("today"), bindparam("tomorrow"), model.reminded_on
    return select(literal(kind), model.id, model.loop_id, model.what, model.due_on).where(
        in_loop(model, kind),
        model.status != ItemStatus.DONE,
        model.due_on <= tomorrow,
        or_(
            reminded.is_(None),
            and_(model.due_on == tomorrow, reminded < today),  # not yet told it is due tomorrow
            and_(model.due_on == today, reminded < bindparam("yesterday")),  # told neither yesterday nor today
            and_(model.due_on < today, reminded <= bindparam("week_ago")),  # overdue, and not told this week
        ),
    )
