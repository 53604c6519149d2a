"""The customer-centric culture pulse: a team rates the eight disciplines, anonymously.

Who was asked and whether they answered (`PulseInvitation`) is kept apart from what was answered
(`PulseResponse`), with nothing that joins the two: a response names no person and carries no time, and
answering flips a flag on an invitation written when the pulse began (in the order people were picked),
so no order or time among the invitations follows the order of the answers. A response's own id counts
answers as they arrive, which tells in what order answers came but not from whom.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from magicloop.models.base import foreign_key, timestamp

# The eight disciplines of a customer-centric culture: (column of PulseResponse, name shown).
DISCIPLINES = (
    ("customer_insight", "Customer Insight"),
    ("customer_foresight", "Customer Foresight"),
    ("competitive_insight", "Competitive Insight"),
    ("competitor_foresight", "Competitor Foresight"),
    ("peripheral_vision", "Peripheral Vision"),
    ("collaboration", "Cross-Functional Collaboration"),
    ("empowerment", "Empowerment"),
    ("strategic_alignment", "Strategic Alignment"),
)


class CulturePulse(SQLModel, table=True):
    """One pulse a person runs for colleagues; it may stand as the evidence of an ask or an idea of theirs
    (their `pulse_id`)."""

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = foreign_key("user.id")  # who runs it
    title: str = Field(max_length=120)
    created_at: dt.datetime = timestamp(default_now=True)
    closed_at: dt.datetime | None = timestamp(nullable=True)


class PulseInvitation(SQLModel, table=True):
    """A colleague asked to answer, and whether they have (never when, never what)."""

    __table_args__ = (UniqueConstraint("pulse_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    pulse_id: int = foreign_key("culturepulse.id", index=False)  # the unique constraint's index serves lookups
    user_id: int = foreign_key("user.id")
    answered: bool = False


class PulseResponse(SQLModel, table=True):
    """One anonymous answer: a 1–5 score for each discipline and an optional comment, and nothing else."""

    id: int | None = Field(default=None, primary_key=True)
    pulse_id: int = foreign_key("culturepulse.id")
    customer_insight: int
    customer_foresight: int
    competitive_insight: int
    competitor_foresight: int
    peripheral_vision: int
    collaboration: int
    empowerment: int
    strategic_alignment: int
    comment: str = Field(default="", max_length=2000)
