"""Conversation around the loop and the record of what happened."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from magicloop.models.base import foreign_key, timestamp


class Comment(SQLModel, table=True):
    """A comment on a loop or an item in it, or on a quarterly review (which belongs to no loop: `loop_id`
    is None); manager and mentor comments expect a reply."""

    __table_args__ = (Index("ix_comment_subject", "subject_kind", "subject_id"),)

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int | None = foreign_key("loop.id", nullable=True)
    author_id: int = foreign_key("user.id")
    parent_id: int | None = foreign_key("comment.id", nullable=True)
    subject_kind: str = Field(max_length=32)  # "loop", "ask", "recommendation", ..., "review"
    subject_id: int
    body: str = Field(max_length=4000)
    expects_reply: bool = False
    answered_at: dt.datetime | None = timestamp(nullable=True)
    created_at: dt.datetime = timestamp(default_now=True)
    edited_at: dt.datetime | None = timestamp(nullable=True)
    deleted_at: dt.datetime | None = timestamp(nullable=True)


class PrivateNote(SQLModel, table=True):
    """Seen by the loop's owner only: never by managers, mentors or in their exports."""

    id: int | None = Field(default=None, primary_key=True)
    loop_id: int = foreign_key("loop.id")
    body: str = Field(max_length=8000)
    created_at: dt.datetime = timestamp(default_now=True)
    updated_at: dt.datetime = timestamp(default_now=True)


class TimelineEvent(SQLModel, table=True):
    """One line in a professional's history; keeps no deleted content."""

    __table_args__ = (
        Index("ix_timelineevent_owner_created", "owner_id", "created_at"),
        Index("ix_timelineevent_subject", "subject_kind", "subject_id"),  # scrubbing a deleted item's words
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = foreign_key("user.id", index=False)
    loop_id: int | None = foreign_key("loop.id", nullable=True)
    actor_id: int | None = foreign_key("user.id", nullable=True, index=False, cascade=False)
    kind: str = Field(max_length=40)
    summary: str = Field(max_length=300)
    subject_kind: str = Field(default="", max_length=32)
    subject_id: int | None = None
    created_at: dt.datetime = timestamp(default_now=True)


class Notification(SQLModel, table=True):
    __table_args__ = (
        Index("ix_notification_recipient_read", "recipient_id", "read_at"),
        Index("ix_notification_recipient_created", "recipient_id", "created_at"),  # the inbox, newest first
    )

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = foreign_key("user.id", index=False)
    kind: str = Field(max_length=40)
    message: str = Field(max_length=300)
    link: str = Field(default="", max_length=300)
    created_at: dt.datetime = timestamp(default_now=True)
    read_at: dt.datetime | None = timestamp(nullable=True)
    emailed_at: dt.datetime | None = timestamp(nullable=True)
