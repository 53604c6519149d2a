"""Outgoing email, only when SMTP settings exist, through an outbox.

A mail is written as a row in the transaction that decides to send it, so it goes out only if that
transaction commits, and no transaction waits on a mail server. After the commit a sender
(magicloop/outbox.py, in every app worker) claims what is due, sends it and records the result.
A claim is one conditional UPDATE that only one sender can win, so several workers never send a
mail twice; a failed send is tried again later, with longer and longer waits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from email.message import EmailMessage

from sqlalchemy import or_, update
from sqlmodel import Session, select

from magicloop.config import get_settings
from magicloop.models import OutboxMail, utcnow

log = logging.getLogger(__name__)
_QUEUED = "magicloop.mail_queued"
# A sender that claimed a mail and vanished (its process killed) loses the claim after this.
CLAIM = dt.timedelta(minutes=5)
# The waits after each failed attempt; after the last one the mail is given up.
RETRY_WAITS = tuple(dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 360))
SMTP_TIMEOUT_S = 10
_wakers: list[Callable[[], None]] = []


@dataclasses.dataclass(frozen=True)
class Claimed:
    id: int
    recipient: str
    subject: str
    body: str


def queue(db: Session, to: str, subject: str, body: str) -> bool:
    """Send this mail once `db`'s transaction commits; False (nothing queued) without SMTP settings."""
    if not get_settings().smtp_enabled:
        return False
    db.add(OutboxMail(recipient=to, subject=subject[:200], body=body))
    db.info[_QUEUED] = True
    return True


def when_queued(wake: Callable[[], None]) -> None:
    """`wake()` runs after each commit that queued mail (a sender waiting for work)."""
    _wakers.append(wake)


def committed(db: Session) -> None:
    """Called once `db`'s transaction has committed: wake the senders if it queued mail."""
    if db.info.pop(_QUEUED, False):
        for wake in _wakers:
            wake()


def claim_due(db: Session, now: dt.datetime | None = None, limit: int = 20) -> list[Claimed]:
    """The mails due now that this sender won; each is claimed for CLAIM."""
    now = now or utcnow()
    due = or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now)
    waiting = db.exec(
        select(OutboxMail)
        .where(OutboxMail.sent_at.is_(None), OutboxMail.failed_at.is_(None), OutboxMail.next_attempt_at <= now, due)
        .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        .limit(limit)
    ).all()
    won = []
    for mail in waiting:
        claimed = db.exec(
            update(OutboxMail)
            .where(OutboxMail.id == mail.id, OutboxMail.sent_at.is_(None), due)
            .values(claimed_until=now + CLAIM, attempts=OutboxMail.attempts + 1)
        )
        if claimed.rowcount == 1:
            won.append(Claimed(mail.id, mail.recipient, mail.subject, mail.body))
    return won


def settle(db: Session, claimed: Claimed, error: str | None, now: dt.datetime | None = None) -> None:
    """Record how sending went: sent, to be tried again later, or given up after the last attempt."""
    now = now or utcnow()
    mail = db.get(OutboxMail, claimed.id)
    if mail is None:
        return
    mail.claimed_until = None
    if error is None:
        mail.sent_at = now
    elif mail.attempts > len(RETRY_WAITS):
        mail.failed_at, mail.last_error = now, error[:300]
        log.error("gave up mailing %s after %s attempts: %s", mail.recipient, mail.attempts, error)
    else:
        mail.next_attempt_at, mail.last_error = now + RETRY_WAITS[mail.attempts - 1], error[:300]
    db.add(mail)


def smtp_send(mail: Claimed) -> str | None:
    """Hand one message to the SMTP server; what went wrong, or None."""
    settings = get_settings()
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.smtp_sender, mail.recipient, mail.subject
    message.set_content(mail.body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("could not mail %s: %s", mail.recipient, error)
        return f"{type(error).__name__}: {error}"
    return None
