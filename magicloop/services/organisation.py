"""Admin work: people, invites, reporting lines, disabling accounts."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import or_
from sqlmodel import Session, delete, select

from magicloop.config import get_settings
from magicloop.models import AuthSession, Invite, Organisation, ReportingLine, User, utcnow
from magicloop.services import audit, mail
from magicloop.services.accounts import check_new_password, check_profile, email_taken, start_session
from magicloop.services.audit import AuditKind
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.policy import Action, authorize
from magicloop.services.security import get_password_hash, is_token_shaped, new_token, token_digest
from magicloop.services.validation import FormCheck, is_id


@dataclasses.dataclass(frozen=True)
class InviteRow:
    id: int
    email: str
    expires_on: str
    status: str  # "pending", "accepted", "expired", "revoked"


@dataclasses.dataclass(frozen=True)
class InviteCreated:
    email: str
    link: str  # "" once mailed: the admin passes a link on only when this server sends no mail
    mailed: bool


@dataclasses.dataclass(frozen=True)
class InviteDetails:
    email: str
    organisation_name: str


def administered(db: Session, actor: User) -> Organisation:
    """The organisation `actor` administers, or Forbidden."""
    organisation = db.get(Organisation, actor.organisation_id)
    authorize(db, actor, Action.ADMINISTER, organisation)
    return organisation


def holding_admins(db: Session, actor: User) -> Organisation:
    """`administered`, with the organisation's row locked until this transaction ends, so that changes to
    who its admins are run one after another (PostgreSQL; SQLite's writers queue anyway) and
    `keep_an_admin` sees every other one's."""
    organisation = db.exec(select(Organisation).where(Organisation.id == actor.organisation_id).with_for_update()).one()
    authorize(db, actor, Action.ADMINISTER, organisation)
    return organisation


def keep_an_admin(db: Session, organisation: Organisation) -> None:
    """Refuse (the whole transaction rolls back) a change that leaves no active admin."""
    db.flush()
    left = db.exec(
        select(User.id).where(User.organisation_id == organisation.id, User.is_admin, User.disabled_at.is_(None))
    ).first()
    if left is None:
        raise Forbidden("The organisation needs an admin: make someone else admin first.")


def member(db: Session, organisation: Organisation, user_id: object, field: str) -> User:
    user = db.get(User, user_id) if is_id(user_id) else None
    if user is None or user.organisation_id != organisation.id:
        raise InvalidInput({field: "Choose a person from the list."})
    return user


def invite(db: Session, actor: User, data: dict, now: dt.datetime | None = None) -> InviteCreated:
    """A single-use sign-up link for one email address, mailed once this commits (with SMTP; without, shown
    to the admin to pass on). With SMTP an address that already has an account is invited alike, so the
    admin learns nothing of other organisations' people: its owner is mailed a note instead of the link."""
    now = now or utcnow()
    organisation = administered(db, actor)
    settings = get_settings()
    form = FormCheck(data)
    email = form.email()
    taken = "email" not in form.errors and email_taken(db, email)
    if taken and not settings.smtp_enabled:  # the admin hands the link over: spare them a useless one
        form.fail("email", "Someone with this email already has an account.")
    form.raise_if_errors()
    for pending in db.exec(
        select(Invite).where(
            Invite.organisation_id == organisation.id,
            Invite.email == email,
            Invite.accepted_at.is_(None),
            Invite.revoked_at.is_(None),
        )
    ):
        pending.revoked_at = now
        db.add(pending)
    token = new_token()
    db.add(
        Invite(
            organisation_id=organisation.id,
            email=email,
            token_hash=token_digest(token),
            invited_by_id=actor.id,
            created_at=now,
            expires_at=now + dt.timedelta(days=settings.invite_days),
        )
    )
    link = f"{settings.public_url}/invite?code={token}"
    subject = f"Join {organisation.name} on Magic Loop"
    if taken:
        body = (
            f"{actor.display_name} invited you to join {organisation.name} on Magic Loop, but this address "
            "already has a Magic Loop account, and an address belongs to one organisation only. Sign in to the "
            f"one you have ({settings.public_url}/signin), or ask {actor.display_name} to invite another address.\n"
        )
    else:
        body = (
            f"{actor.display_name} invited you to Magic Loop.\n\nSet your name and password here "
            f"(the link works once, for {settings.invite_days} days):\n{link}\n"
        )
    mailed = mail.queue(db, email, subject, body)
    audit.record(db, AuditKind.INVITED, actor=actor, email=email)
    return InviteCreated(email=email, link="" if mailed else link, mailed=mailed)


def list_invites(db: Session, actor: User, now: dt.datetime | None = None) -> list[InviteRow]:
    now = now or utcnow()
    organisation = administered(db, actor)
    invites = db.exec(
        select(Invite).where(Invite.organisation_id == organisation.id).order_by(Invite.created_at.desc()).limit(50)
    ).all()
    return [
        InviteRow(id=i.id, email=i.email, expires_on=i.expires_at.date().isoformat(), status=_invite_status(i, now))
        for i in invites
    ]


def _invite_status(invite: Invite, now: dt.datetime) -> str:
    if invite.accepted_at:
        return "accepted"
    if invite.revoked_at:
        return "revoked"
    return "expired" if invite.expires_at <= now else "pending"


def revoke_invite(db: Session, actor: User, invite_id: object, now: dt.datetime | None = None) -> None:
    organisation = administered(db, actor)
    found = db.get(Invite, invite_id) if is_id(invite_id) else None
    if found is None or found.organisation_id != organisation.id:
        raise NotFound()
    if found.accepted_at is None and found.revoked_at is None:
        found.revoked_at = now or utcnow()
        db.add(found)
        audit.record(db, AuditKind.INVITE_REVOKED, actor=actor, email=found.email)


def _open_invite(db: Session, code: object, now: dt.datetime) -> Invite:
    if not is_token_shaped(code):
        raise NotFound("This invite link isn't valid. Ask your admin for a new one.")
    found = db.exec(select(Invite).where(Invite.token_hash == token_digest(code))).first()
    if found is None or _invite_status(found, now) != "pending":
        raise NotFound("This invite link has expired or was already used. Ask your admin for a new one.")
    return found


def invite_details(db: Session, code: object, now: dt.datetime | None = None) -> InviteDetails:
    found = _open_invite(db, code, now or utcnow())
    return InviteDetails(email=found.email, organisation_name=db.get(Organisation, found.organisation_id).name)


def accept_invite(db: Session, code: object, data: dict, now: dt.datetime | None = None, device: str = "") -> str:
    """Create the invitee's account; returns a session token."""
    now = now or utcnow()
    found = _open_invite(db, code, now)
    form = FormCheck(data)
    name, time_zone = check_profile(form)
    password = check_new_password(form, "password", name, found.email)
    form.raise_if_errors()
    if email_taken(db, found.email):
        raise NotFound("An account with this email already exists. Sign in instead.")
    user = User(
        organisation_id=found.organisation_id,
        email=found.email,
        display_name=name,
        time_zone=time_zone,
        password_hash=get_password_hash(password),
    )
    db.add(user)
    found.accepted_at = now
    db.add(found)
    db.flush()
    audit.record(db, AuditKind.JOINED, actor=user, detail="by invite")
    return start_session(db, user, now, device)


def set_reporting_line(db: Session, actor: User, data: dict, today: dt.date) -> ReportingLine:
    """Make `manager` the report's manager from `starts_on`, ending any open line."""
    organisation = administered(db, actor)
    form = FormCheck(data)
    starts_on = form.date("starts_on", "Start date", today=today)
    form.raise_if_errors()
    manager = member(db, organisation, _as_int(data.get("manager_id")), "manager_id")
    report = member(db, organisation, _as_int(data.get("report_id")), "report_id")
    if manager.id == report.id:
        raise InvalidInput({"report_id": "A person can't be their own manager."})
    if manager.disabled_at or report.disabled_at:
        raise InvalidInput({"manager_id": "Disabled accounts can't be given reporting lines."})
    reverse = db.exec(
        select(ReportingLine.id).where(
            ReportingLine.manager_id == report.id,
            ReportingLine.report_id == manager.id,
            or_(ReportingLine.ends_on.is_(None), ReportingLine.ends_on > starts_on),
        )
    ).first()
    if reverse is not None:
        raise InvalidInput(
            {"manager_id": f"{manager.display_name} reports to {report.display_name} then; end that line first."}
        )
    open_lines = db.exec(
        select(ReportingLine).where(
            ReportingLine.report_id == report.id,
            or_(ReportingLine.ends_on.is_(None), ReportingLine.ends_on > starts_on),
        )
    ).all()
    for line in open_lines:
        if line.manager_id == manager.id and line.starts_on <= starts_on:
            raise InvalidInput({"manager_id": f"{manager.display_name} already manages {report.display_name}."})
        if line.starts_on >= starts_on:
            raise InvalidInput({"starts_on": "Another line for this person starts on or after that date."})
        line.ends_on = starts_on
        db.add(line)
    line = ReportingLine(
        organisation_id=organisation.id, manager_id=manager.id, report_id=report.id, starts_on=starts_on
    )
    db.add(line)
    detail = f"reports to {manager.display_name} from {starts_on.isoformat()}"
    audit.record(db, AuditKind.LINE_SET, actor=actor, subject=report, detail=detail)
    return line


def end_reporting_line(db: Session, actor: User, line_id: object, today: dt.date) -> None:
    organisation = administered(db, actor)
    line = db.get(ReportingLine, line_id) if is_id(line_id) else None
    if line is None or line.organisation_id != organisation.id:
        raise NotFound()
    if line.ends_on is None or line.ends_on > today:
        line.ends_on = max(today, line.starts_on)
        db.add(line)
        manager = db.get(User, line.manager_id)
        detail = f"no longer reports to {manager.display_name} from {line.ends_on.isoformat()}"
        audit.record(db, AuditKind.LINE_ENDED, actor=actor, subject=db.get(User, line.report_id), detail=detail)


def set_disabled(db: Session, actor: User, user_id: object, disabled: bool, now: dt.datetime | None = None) -> None:
    """Disable or re-enable an account.

    A disabled person's sessions stop resolving at once (their next event says
    why and deletes them); re-enabling clears any left, so none come back.
    """
    organisation = holding_admins(db, actor)
    user = member(db, organisation, user_id, "user_id")
    if user.id == actor.id:
        raise Forbidden("You can't disable your own account.")
    user.disabled_at = (now or utcnow()) if disabled else None
    db.add(user)
    keep_an_admin(db, organisation)  # two admins disabling each other at once
    audit.record(db, AuditKind.DISABLED if disabled else AuditKind.ENABLED, actor=actor, subject=user)
    if not disabled:
        db.exec(delete(AuthSession).where(AuthSession.user_id == user.id))


def _as_int(value: object) -> int | None:
    """An id from a form: select values arrive as strings of digits."""
    if is_id(value):
        return value
    number = int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else None
    return number if is_id(number) else None
