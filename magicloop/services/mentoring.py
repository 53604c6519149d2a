"""Mentor access: a professional grants read access to a colleague, who follows
their progress; revoking or expiry ends it at the mentor's next request."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_
from sqlmodel import Session, select

from magicloop.models import MentorGrant, TimelineEvent, User, utcnow
from magicloop.services import audit
from magicloop.services.audit import AuditKind
from magicloop.services.errors import InvalidInput, NotFound
from magicloop.services.notifications import notify, progress_link
from magicloop.services.policy import Action, as_actor, authorize, mentees_of
from magicloop.services.progress import Glance, glance, people_at_a_glance
from magicloop.services.validation import FormCheck, is_id


@dataclasses.dataclass(frozen=True)
class GrantRow:
    id: int
    mentor_name: str
    mentor_email: str
    since: str
    expires: str  # "" when it doesn't
    status: str  # "active", "expired", "revoked"


def _active(grant: MentorGrant, now: dt.datetime) -> bool:
    return grant.revoked_at is None and (grant.expires_at is None or grant.expires_at > now)


def grant_access(db: Session, actor: User, data: dict, today: dt.date) -> None:
    """Grant (or renew) read access to a colleague, optionally until a date."""
    authorize(db, actor, Action.MANAGE_MENTORS, actor)
    form = FormCheck(data)
    email = form.email("mentor_email", "Mentor's email")
    expires_on = form.date("expires_on", "Access until", today=today, required=False, not_past=True)
    form.raise_if_errors()
    mentor = db.exec(
        select(User).where(
            User.email == email, User.organisation_id == actor.organisation_id, User.disabled_at.is_(None)
        )
    ).first()
    if mentor is None:
        raise InvalidInput({"mentor_email": "No active colleague in your organisation has that email."})
    if mentor.id == actor.id:
        raise InvalidInput({"mentor_email": "You can't be your own mentor."})
    zone = ZoneInfo(actor.time_zone)
    expires_at = (
        dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time(), tzinfo=zone).astimezone(dt.UTC)
        if expires_on
        else None
    )
    now = utcnow()
    for grant in db.exec(
        select(MentorGrant).where(MentorGrant.owner_id == actor.id, MentorGrant.mentor_id == mentor.id)
    ):
        if _active(grant, now):
            grant.revoked_at = now  # replaced by the new grant below
            db.add(grant)
    db.add(MentorGrant(owner_id=actor.id, mentor_id=mentor.id, expires_at=expires_at))
    until = f" until {expires_on.isoformat()}" if expires_on else ""
    audit.record(db, AuditKind.MENTOR_GRANTED, actor=actor, subject=mentor, detail=f"access{until or ' with no end'}")
    notify(
        db,
        mentor.id,
        "grant",
        f"{actor.display_name} gave you mentor access to their progress{until}",
        progress_link(actor.id),
    )


def list_grants(db: Session, actor: User) -> list[GrantRow]:
    authorize(db, actor, Action.MANAGE_MENTORS, actor)
    now, zone = utcnow(), ZoneInfo(actor.time_zone)
    rows = db.exec(
        select(MentorGrant, User)
        .join(User, User.id == MentorGrant.mentor_id)
        .where(MentorGrant.owner_id == actor.id)
        .order_by(MentorGrant.created_at.desc())
    ).all()
    return [
        GrantRow(
            id=g.id,
            mentor_name=u.display_name,
            mentor_email=u.email,
            since=g.created_at.astimezone(zone).date().isoformat(),
            expires=(g.expires_at.astimezone(zone) - dt.timedelta(days=1)).date().isoformat() if g.expires_at else "",
            status="revoked" if g.revoked_at else ("active" if _active(g, now) else "expired"),
        )
        for g, u in rows
    ]


def revoke_access(db: Session, actor: User, grant_id: object) -> None:
    grant = db.get(MentorGrant, grant_id) if is_id(grant_id) else None
    if grant is None or grant.owner_id != actor.id:
        raise NotFound("That grant no longer exists.")
    authorize(db, actor, Action.MANAGE_MENTORS, actor)
    if grant.revoked_at is None:
        grant.revoked_at = utcnow()
        db.add(grant)
        audit.record(db, AuditKind.MENTOR_REVOKED, actor=actor, subject=db.get(User, grant.mentor_id))
        notify(db, grant.mentor_id, "grant", f"{actor.display_name} ended your mentor access")


@dataclasses.dataclass(frozen=True)
class MenteeRow:
    """A mentee at a glance, and what happened since the mentor last opened their timeline."""

    person: Glance
    news: int  # events by others since the last visit
    latest: list[str]  # the newest few of them


NEWS_SHOWN = 3


def _live_grants_to(mentor: User, now: dt.datetime) -> tuple:
    return (
        MentorGrant.mentor_id == mentor.id,
        MentorGrant.revoked_at.is_(None),
        or_(MentorGrant.expires_at.is_(None), MentorGrant.expires_at > now),
    )


def list_mentees(db: Session, actor: User) -> list[MenteeRow]:
    """The professionals who currently grant this person mentor access, with their news:
    two statements however many they are."""
    now = utcnow()
    mentees = people_at_a_glance(db, mentees_of(), as_actor(actor, now))
    news = _news(db, actor, now) if mentees else {}
    rows = []
    for person in mentees:
        count, latest = news.get(person.id, (0, []))
        rows.append(MenteeRow(person=glance(actor, person), news=count, latest=latest))
    return rows


def _news(db: Session, actor: User, now: dt.datetime) -> dict[int, tuple[int, list[str]]]:
    """Per mentee, how many events by others since the mentor's last visit, and the newest few.

    Counted in SQL and only the newest few read: a mentor away for months may have thousands.
    Several grants from one person: the latest visit counts."""
    visits = (
        select(
            MentorGrant.owner_id,
            func.max(func.coalesce(MentorGrant.last_visit_at, MentorGrant.created_at)).label("since"),
        )
        .where(*_live_grants_to(actor, now))
        .group_by(MentorGrant.owner_id)
        .subquery()
    )
    newest_first = (TimelineEvent.created_at.desc(), TimelineEvent.id.desc())
    since_visit = (
        select(
            TimelineEvent.owner_id,
            TimelineEvent.summary,
            func.row_number().over(partition_by=TimelineEvent.owner_id, order_by=newest_first).label("place"),
            func.count().over(partition_by=TimelineEvent.owner_id).label("total"),
        )
        .join(visits, (visits.c.owner_id == TimelineEvent.owner_id) & (TimelineEvent.created_at > visits.c.since))
        .where(or_(TimelineEvent.actor_id.is_(None), TimelineEvent.actor_id != actor.id))
        .subquery()
    )
    found: dict[int, tuple[int, list[str]]] = {}
    for owner_id, summary, total in db.exec(
        select(since_visit.c.owner_id, since_visit.c.summary, since_visit.c.total)
        .where(since_visit.c.place <= NEWS_SHOWN)
        .order_by(since_visit.c.owner_id, since_visit.c.place)
    ):
        found.setdefault(owner_id, (total, []))[1].append(summary)
    return found


def record_visit(db: Session, actor: User, owner_id: object) -> None:
    """The mentor opened this person's timeline: their news starts again from now."""
    if not is_id(owner_id):
        return
    for grant in db.exec(
        select(MentorGrant).where(*_live_grants_to(actor, utcnow()), MentorGrant.owner_id == owner_id)
    ):
        grant.last_visit_at = utcnow()
        db.add(grant)
