"""Organisations, people and the relationships that give them their roles."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from magicloop.models.base import foreign_key, timestamp


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    created_at: dt.datetime = timestamp(default_now=True)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = foreign_key("organisation.id")
    email: str = Field(max_length=254, unique=True)  # normalised: trimmed, lower-case
    display_name: str = Field(max_length=80)
    time_zone: str = Field(default="UTC", max_length=64)
    password_hash: str = Field(max_length=255)
    is_admin: bool = False
    advanced_mode: bool = False
    checkin_rrule: str | None = Field(default=None, max_length=200)  # iCalendar RRULE (services/cadence.py)
    digested_on: dt.date | None = None  # the day, where they are, of their last email digest
    # Their calendar subscription (services/calendar_feed.py): only the SHA-256 of its secret token.
    calendar_token_hash: str | None = Field(default=None, max_length=64, unique=True)
    calendar_since: dt.datetime | None = timestamp(nullable=True)
    created_at: dt.datetime = timestamp(default_now=True)
    disabled_at: dt.datetime | None = timestamp(nullable=True)


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of its token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = foreign_key("user.id")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: dt.datetime = timestamp(default_now=True)
    last_seen_at: dt.datetime = timestamp(default_now=True)
    expires_at: dt.datetime = timestamp()
    device: str = Field(default="", max_length=120)  # the browser it was opened in, as its user agent names it


class AccountLink(SQLModel, table=True):
    """A single-use link mailed to someone (services/account_links.py): to reset a password, to confirm a new
    email address, or to confirm a sign-up. Only the SHA-256 of its token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    purpose: str = Field(max_length=20)  # "reset", "email" or "signup"
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int | None = foreign_key("user.id", nullable=True)  # none for a sign-up not yet confirmed
    email: str = Field(max_length=254)  # where it was mailed
    payload: str = Field(default="", max_length=2000)  # a sign-up's form, as JSON (its password only hashed)
    created_at: dt.datetime = timestamp(default_now=True)
    expires_at: dt.datetime = timestamp()
    used_at: dt.datetime | None = timestamp(nullable=True)


class SignInThrottle(SQLModel, table=True):
    """Counts that slow down guessing and floods (see services/throttle.py): failed sign-ins per email
    tried, known or not, and per client address; sign-ups per client address."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)  # "email:…", "client:…" or "signup:…"
    failures: int = 0
    window_started_at: dt.datetime = timestamp(default_now=True)
    lockouts: int = 0
    locked_until: dt.datetime | None = timestamp(nullable=True)


class Invite(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = foreign_key("organisation.id")
    email: str = Field(max_length=254, index=True)
    token_hash: str = Field(max_length=64, unique=True)
    invited_by_id: int = foreign_key("user.id")
    created_at: dt.datetime = timestamp(default_now=True)
    expires_at: dt.datetime = timestamp()
    accepted_at: dt.datetime | None = timestamp(nullable=True)
    revoked_at: dt.datetime | None = timestamp(nullable=True)


class ReportingLine(SQLModel, table=True):
    """Manager → report, dated so history is kept when lines change."""

    __table_args__ = (Index("ix_reportingline_manager_report", "manager_id", "report_id"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = foreign_key("organisation.id")
    manager_id: int = foreign_key("user.id")
    report_id: int = foreign_key("user.id")
    starts_on: dt.date
    ends_on: dt.date | None = None
    created_at: dt.datetime = timestamp(default_now=True)


class MentorGrant(SQLModel, table=True):
    """Read access a professional gives a mentor; it may expire or be revoked."""

    __table_args__ = (Index("ix_mentorgrant_mentor_owner", "mentor_id", "owner_id"),)

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = foreign_key("user.id")
    mentor_id: int = foreign_key("user.id")
    created_at: dt.datetime = timestamp(default_now=True)
    expires_at: dt.datetime | None = timestamp(nullable=True)
    revoked_at: dt.datetime | None = timestamp(nullable=True)
    last_visit_at: dt.datetime | None = timestamp(nullable=True)  # the mentor last opened the timeline


class CompetencyFramework(SQLModel, table=True):
    """A versioned list of competencies; a loop and its ratings point at one version for good. An admin
    publishes a new version (services/framework.py): it becomes the current one, the one new loops start on."""

    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = foreign_key("organisation.id")
    version: int = 1
    name: str = Field(max_length=120)
    is_current: bool = True
    created_at: dt.datetime = timestamp(default_now=True)


def new_competency_key() -> str:
    return uuid.uuid4().hex


class Competency(SQLModel, table=True):
    """One competency of one framework version. Its `key` stays the same through the versions that keep it,
    renamed or described anew, so ratings in loops on different versions are compared by it."""

    __table_args__ = (UniqueConstraint("framework_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    framework_id: int = foreign_key("competencyframework.id")
    key: str = Field(default_factory=new_competency_key, max_length=32)
    position: int
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=500)
