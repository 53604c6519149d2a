"""The security audit log: who did what to which account, when and from where."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from magicloop.models.base import foreign_key, timestamp


class AuditEvent(SQLModel, table=True):
    """One security event. Never holds a password or a token; kept when the people it names go."""

    __table_args__ = (
        Index("ix_auditevent_organisation_at", "organisation_id", "at"),
        Index("ix_auditevent_organisation_kind_at", "organisation_id", "kind", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int | None = foreign_key("organisation.id", nullable=True, index=False)
    kind: str = Field(max_length=40)  # services/audit.py AuditKind
    at: dt.datetime = timestamp(default_now=True)
    actor_id: int | None = foreign_key("user.id", nullable=True, index=False, cascade=False)
    subject_id: int | None = foreign_key("user.id", nullable=True, index=False, cascade=False)
    email: str = Field(default="", max_length=254)  # the address tried or concerned, when no account is
    client: str = Field(default="", max_length=64)  # the client address the request came from
    detail: str = Field(default="", max_length=300)
