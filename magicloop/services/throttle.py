"""Slowing down password guessing and sign-up floods.

Failed sign-ins count against the email tried (known or not, so both behave alike) and against
the client address they came from. Against an email they only add a growing delay of at most a
minute: anyone can type anyone's address, and a hard lock would let them lock its owner out.
Against one client address, which tries many emails, they lock for longer and longer. Sign-ups
count against the client address: each one hashes a password and creates an organisation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from sqlmodel import Session, select

from magicloop.config import get_settings
from magicloop.models import SignInThrottle
from magicloop.services.errors import InvalidInput


@dataclasses.dataclass(frozen=True)
class Rule:
    prefix: str
    noun: str  # what it counts per, for the audit log
    limit: int  # events within the window before any wait
    window: dt.timedelta
    first_wait: dt.timedelta
    longest_wait: dt.timedelta
    message: str  # what the person is told, with the wait

    def key(self, value: str) -> str:
        return f"{self.prefix}:{value}"


EMAIL = Rule(
    "email",
    "email",
    limit=5,
    window=dt.timedelta(minutes=15),
    first_wait=dt.timedelta(seconds=2),
    longest_wait=dt.timedelta(minutes=1),
    message="Too many tries for this email: wait {wait} before the next one.",
)
CLIENT = Rule(
    "client",
    "client address",
    limit=20,
    window=dt.timedelta(minutes=15),
    first_wait=dt.timedelta(minutes=15),
    longest_wait=dt.timedelta(hours=24),
    message="Too many failed sign-ins from your network: try again in {wait}.",
)
SIGN_UP = Rule(
    "signup",
    "client address's sign-ups",
    limit=5,  # MAGICLOOP_SIGN_UPS_PER_HOUR: see sign_ups()
    window=dt.timedelta(hours=1),
    first_wait=dt.timedelta(hours=1),
    longest_wait=dt.timedelta(hours=24),
    message="Too many new organisations from your network: try again in {wait}.",
)

# Asking for a password reset link mails someone: counted per client address and per email asked about
# (known or not, so both behave alike).
RESET_CLIENT = Rule(
    "reset",
    "client address's reset requests",
    limit=10,
    window=dt.timedelta(hours=1),
    first_wait=dt.timedelta(hours=1),
    longest_wait=dt.timedelta(hours=24),
    message="Too many reset requests from your network: try again in {wait}.",
)
RESET_EMAIL = Rule(
    "resetemail",
    "reset requests for an email",
    limit=3,
    window=dt.timedelta(hours=1),
    first_wait=dt.timedelta(minutes=15),
    longest_wait=dt.timedelta(hours=1),
    message="A link was asked for this email a few times already: wait {wait} before asking again.",
)


def sign_ups() -> Rule:
    """The sign-up rule with the configured limit (a test run signs up more than five organisations)."""
    return dataclasses.replace(SIGN_UP, limit=get_settings().sign_ups_per_hour)


def _rows(db: Session, keys: list[str]) -> dict[str, SignInThrottle]:
    return {row.key: row for row in db.exec(select(SignInThrottle).where(SignInThrottle.key.in_(keys)))}


def _wait_text(wait: dt.timedelta) -> str:
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 90:
        return f"{seconds} second{'s' * (seconds != 1)}"
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return f"{minutes} minutes"
    return f"{math.ceil(minutes / 60)} hours"


def refuse_if_waiting(db: Session, checks: list[tuple[Rule, str]], field: str, now: dt.datetime) -> None:
    """InvalidInput on `field` while any of these (rule, value) pairs must still wait."""
    found = _rows(db, [rule.key(value) for rule, value in checks if value])
    for rule, value in checks:
        row = found.get(rule.key(value)) if value else None
        if row and row.locked_until and row.locked_until > now:
            message = rule.message.format(wait=_wait_text(row.locked_until - now))
            raise InvalidInput({field: message}, message)


def count(db: Session, checks: list[tuple[Rule, str]], now: dt.datetime) -> list[Rule]:
    """One more event against each (rule, value); past a rule's limit, a wait that doubles each time.
    Returns the rules whose wait this event started."""
    keys = [rule.key(value) for rule, value in checks if value]
    found, waiting = _rows(db, keys), []
    for rule, value in checks:
        if not value:
            continue
        row = found.get(rule.key(value)) or SignInThrottle(key=rule.key(value), window_started_at=now)
        if now - row.window_started_at > rule.window:
            row.failures, row.window_started_at = 0, now
        if row.locked_until and now - row.locked_until > rule.longest_wait:  # quiet long enough: short waits again
            row.lockouts = 0
        row.failures += 1
        if row.failures >= rule.limit:
            row.lockouts += 1
            row.locked_until = now + min(rule.first_wait * 2 ** (row.lockouts - 1), rule.longest_wait)
            waiting.append(rule)
            if rule.longest_wait > rule.window:  # a long lock starts a new count once it ends
                row.failures, row.window_started_at = 0, row.locked_until
        db.add(row)
    return waiting


def forget(db: Session, rule: Rule, value: str) -> None:
    """A sign-in that succeeded: the email's earlier failures no longer count."""
    row = _rows(db, [rule.key(value)]).get(rule.key(value))
    if row:
        db.delete(row)
