"""The security log as an admin reads it: their organisation's events, newest first, filtered by
kind, person and dates, a page at a time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import or_
from sqlmodel import Session, select

from magicloop.models import AuditEvent, User
from magicloop.services.audit import AuditKind
from magicloop.services.organisation import administered
from magicloop.services.validation import FormCheck, page_number

PAGE_SIZE = 50
KINDS = [kind.value for kind in AuditKind]


@dataclasses.dataclass(frozen=True)
class AuditRow:
    id: int
    when: str  # in the reader's time zone
    kind: str  # as a sentence starts
    actor: str  # "" when nobody was signed in (a failed sign-in)
    subject: str
    email: str
    client: str
    detail: str


@dataclasses.dataclass(frozen=True)
class Member:
    id: str  # as the filter's option value
    name: str


@dataclasses.dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    has_more: bool
    people: list[Member]  # whom the log can be filtered by


def _filters(data: dict, people: list[Member], organisation_id: int, zone: ZoneInfo, today: dt.date) -> list:
    """The conditions the filter form asks for; InvalidInput beside the field that is wrong."""
    form = FormCheck(data)
    kind = form.choice("kind", "Kind of event", KINDS, default="")
    person = form.choice("person", "Person", [m.id for m in people], default="")
    since = form.date("since", "From", today=today, required=False)
    until = form.date("until", "To", today=today, required=False)
    if since and until and since > until:
        form.fail("until", "“To” must not be before “From”.")
    form.raise_if_errors()
    conditions = [AuditEvent.organisation_id == organisation_id]
    if kind:
        conditions.append(AuditEvent.kind == kind)
    if person:
        conditions.append(or_(AuditEvent.actor_id == int(person), AuditEvent.subject_id == int(person)))
    if since:
        conditions.append(AuditEvent.at >= dt.datetime.combine(since, dt.time(), tzinfo=zone))
    if until:
        conditions.append(AuditEvent.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=zone))
    return conditions


def _members(db: Session, organisation_id: int) -> list[Member]:
    rows = db.exec(
        select(User.id, User.display_name).where(User.organisation_id == organisation_id).order_by(User.display_name)
    ).all()
    return [Member(id=str(i), name=name) for i, name in rows]


def audit_page(db: Session, actor: User, filters: dict, page: object, today: dt.date) -> AuditPage:
    organisation = administered(db, actor)
    zone, page = ZoneInfo(actor.time_zone), page_number(page)
    people = _members(db, organisation.id)
    conditions = _filters(filters, people, organisation.id, zone, today)
    events = db.exec(
        select(AuditEvent)
        .where(*conditions)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    ).all()
    names = {int(m.id): m.name for m in people}
    rows = [
        AuditRow(
            id=e.id,
            when=e.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            kind=e.kind.capitalize(),
            actor=names.get(e.actor_id, ""),
            subject=names.get(e.subject_id, ""),
            email=e.email,
            client=e.client,
            detail=e.detail,
        )
        for e in events[:PAGE_SIZE]
    ]
    return AuditPage(rows=rows, has_more=len(events) > PAGE_SIZE, people=people)
