"""The optional daily email digest: each person's unread news, once a day after the digest hour where they are.

Several app workers may queue digests at once. A person's day is claimed by a conditional UPDATE of the day of
their last digest, and each notification by one of its mailed time, in the transaction that queues the mail:
nobody gets two digests in a day, and no notification is mailed twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from sqlalchemy import or_, update
from sqlmodel import Session, select

from magicloop.config import get_settings
from magicloop.models import Notification, User, utcnow
from magicloop.services import mail
from magicloop.services.words import counted

DIGEST_HOUR = 7  # on the person's own clock


def _claim_day(db: Session, user: User, now: dt.datetime) -> bool:
    """Whether today's digest, where the person is, falls to this call: their digest hour has come, and
    nobody has sent today's yet."""
    local = now.astimezone(ZoneInfo(user.time_zone))
    if local.hour < DIGEST_HOUR:
        return False
    today = local.date()
    claimed = db.exec(
        update(User)
        .where(User.id == user.id, or_(User.digested_on.is_(None), User.digested_on < today))
        .values(digested_on=today)
    ).rowcount
    return bool(claimed)


def queue_daily_digest(db: Session, now: dt.datetime | None = None) -> int:
    """One email per person with unread, not yet mailed notifications whose digest is due, queued in the
    outbox; returns how many."""
    settings = get_settings()
    if not settings.smtp_enabled:
        return 0
    now = now or utcnow()
    pending = db.exec(
        select(Notification, User)
        .join(User, User.id == Notification.recipient_id)
        .where(Notification.read_at.is_(None), Notification.emailed_at.is_(None), User.disabled_at.is_(None))
        .order_by(Notification.created_at, Notification.id)
    ).all()
    by_person: dict[int, list[Notification]] = defaultdict(list)
    people: dict[int, User] = {}
    for note, user in pending:
        by_person[user.id].append(note)
        people[user.id] = user
    queued = 0
    for user_id, notes in by_person.items():
        user = people[user_id]
        if not _claim_day(db, user, now):
            continue
        claimed = set(
            db.exec(
                update(Notification)
                .where(Notification.id.in_([n.id for n in notes]), Notification.emailed_at.is_(None))
                .values(emailed_at=now)
                .returning(Notification.id)
            ).scalars()
        )
        notes = [n for n in notes if n.id in claimed]
        if not notes:
            continue
        lines = "\n".join(f"- {n.message}" for n in notes)
        body = (
            f"Hello {user.display_name},\n\nWhat happened in Magic Loop since your last digest:\n\n{lines}\n\n"
            f"Open Magic Loop: {settings.public_url}/notifications\n"
        )
        queued += mail.queue(db, user.email, f"Magic Loop: {counted(len(notes), 'update')}", body)
    return queued
