"""The admin page's lists: the organisation's people with their managers, its invites and its
reporting lines, read together in four statements however many people there are."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session, select

from magicloop.models import ReportingLine, User
from magicloop.services.organisation import InviteRow, administered, list_invites


@dataclasses.dataclass(frozen=True)
class PersonRow:
    id: int
    display_name: str
    email: str
    is_admin: bool
    disabled: bool
    managers: str  # current managers' names, comma separated


@dataclasses.dataclass(frozen=True)
class ReportingLineRow:
    id: int
    manager_name: str
    report_name: str
    starts_on: str
    ends_on: str
    current: bool


@dataclasses.dataclass(frozen=True)
class Roster:
    people: list[PersonRow]
    invites: list[InviteRow]
    lines: list[ReportingLineRow]


def roster(db: Session, actor: User, today: dt.date, now: dt.datetime | None = None) -> Roster:
    organisation = administered(db, actor)
    people = db.exec(
        select(User.id, User.display_name, User.email, User.is_admin, User.disabled_at)
        .where(User.organisation_id == organisation.id)
        .order_by(User.display_name)
    ).all()
    lines = db.exec(
        select(
            ReportingLine.id,
            ReportingLine.manager_id,
            ReportingLine.report_id,
            ReportingLine.starts_on,
            ReportingLine.ends_on,
        )
        .where(ReportingLine.organisation_id == organisation.id)
        .order_by(ReportingLine.starts_on.desc(), ReportingLine.id.desc())
    ).all()
    names = {person_id: name for person_id, name, *_ in people}
    managers: dict[int, list[str]] = {}
    for line in sorted(lines, key=lambda line: line.id):  # a person's oldest line first
        if _is_current(line, today):
            managers.setdefault(line.report_id, []).append(names.get(line.manager_id, ""))
    return Roster(
        people=[
            PersonRow(
                id=person_id,
                display_name=name,
                email=email,
                is_admin=is_admin,
                disabled=disabled_at is not None,
                managers=", ".join(managers.get(person_id, [])),
            )
            for person_id, name, email, is_admin, disabled_at in people
        ],
        invites=list_invites(db, actor, now),  # the organisation is loaded already: no second look-up
        lines=[
            ReportingLineRow(
                id=line.id,
                manager_name=names.get(line.manager_id, ""),
                report_name=names.get(line.report_id, ""),
                starts_on=line.starts_on.isoformat(),
                ends_on=line.ends_on.isoformat() if line.ends_on else "",
                current=_is_current(line, today),
            )
            for line in lines
        ],
    )


def _is_current(line, today: dt.date) -> bool:
    return line.starts_on <= today and (line.ends_on is None or line.ends_on > today)
