"""Mail waiting to be sent: written in the transaction that decided to send it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from magicloop.models.base import timestamp


class OutboxMail(SQLModel, table=True):
    """One message; sent after its transaction commits, retried with growing waits (services/mail.py)."""

    __table_args__ = (Index("ix_outboxmail_due", "sent_at", "failed_at", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body: str = Field(max_length=20000)
    created_at: dt.datetime = timestamp(default_now=True)
    attempts: int = 0
    next_attempt_at: dt.datetime = timestamp(default_now=True)
    claimed_until: dt.datetime | None = timestamp(nullable=True)  # a sender is on it until then
    sent_at: dt.datetime | None = timestamp(nullable=True)
    failed_at: dt.datetime | None = timestamp(nullable=True)  # given up after the last attempt
    last_error: str = Field(default="", max_length=300)
