"""Signing up, signing in and out, sessions, profile and password."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from sqlalchemy import bindparam
from sqlmodel import Session, delete, select

from magicloop.config import get_settings
from magicloop.models import AuthSession, Organisation, User, utcnow
from magicloop.services import audit, policy, throttle
from magicloop.services.audit import AuditKind
from magicloop.services.cadence import CUSTOM, cadence_name
from magicloop.services.competencies import seed_default_framework
from magicloop.services.dates import local_day
from magicloop.services.errors import InvalidInput, SignedOut
from magicloop.services.prepared import built_once
from magicloop.services.recall import remembered
from magicloop.services.rhythm import chosen_rule
from magicloop.services.security import (
    get_password_hash,
    is_token_shaped,
    needs_rehash,
    new_token,
    password_problem,
    token_digest,
    verify_password,
)
from magicloop.services.validation import FormCheck, has_bad_characters, normalise_email

SIGN_IN_FAILED = "That email and password don't match an active account."
LAST_SEEN_GRANULARITY = dt.timedelta(minutes=1)


@dataclasses.dataclass(frozen=True)
class CurrentUser:
    """What the UI may know about the signed-in person."""

    id: int
    display_name: str
    email: str
    time_zone: str
    is_admin: bool
    advanced_mode: bool
    cadence: str  # "weekly", "fortnightly", "monthly" or "custom"
    checkin_rule: str  # their own rule when the cadence is "custom", else ""
    organisation_name: str
    manages: bool  # has direct reports now
    mentors: bool  # has mentees now


def describe(db: Session, user: User) -> CurrentUser:
    organisation = db.get(Organisation, user.organisation_id)
    manages, mentors = policy.manages_and_mentors(db, user, utcnow())
    return CurrentUser(
        id=user.id,
        display_name=user.display_name,
        email=user.email,
        time_zone=user.time_zone,
        is_admin=user.is_admin,
        advanced_mode=user.advanced_mode,
        cadence=cadence_name(user.checkin_rrule),
        checkin_rule=user.checkin_rrule if cadence_name(user.checkin_rrule) == CUSTOM else "",
        organisation_name=organisation.name if organisation else "",
        manages=manages,
        mentors=mentors,
    )


def display_names(db: Session, ids: set[int]) -> dict[int, str]:
    """Names by id; each name is read once per transaction."""
    known: dict[int, str] = remembered(db, "display_names", dict, reads=(User,))
    if missing := ids - known.keys():
        known.update(db.exec(_names(), params={"ids": list(missing)}).all())
    return {i: known[i] for i in ids if i in known}


@built_once
def _names():
    return select(User.id, User.display_name).where(User.id.in_(bindparam("ids", expanding=True)))


def check_profile(form: FormCheck) -> tuple[str, str]:
    name = form.text("display_name", "Your name", max_len=80)
    return name, form.time_zone()


def check_new_password(form: FormCheck, field: str, *personal: str) -> str:
    password = form.data.get(field)
    words = tuple(w for text in personal for w in re.split(r"[\s@._+-]+", text))
    problem = password_problem(password, personal=words)
    if problem:
        form.fail(field, problem)
    if form.data.get("password_confirm") is not None and form.data.get("password_confirm") != password:
        form.fail("password_confirm", "The two passwords differ.")
    return password if isinstance(password, str) else ""


def email_taken(db: Session, email: str) -> bool:
    return db.exec(select(User.id).where(User.email == email)).first() is not None


@dataclasses.dataclass(frozen=True)
class NewOrganisation:
    """A sign-up's form once checked, its password hashed: what founding the organisation needs."""

    organisation: str
    display_name: str
    email: str
    time_zone: str
    password_hash: str


def checked_sign_up(db: Session, data: dict, client: str, now: dt.datetime, *, say_if_taken: bool) -> NewOrganisation:
    """A sign-up's form checked and counted against `client`'s sign-ups (refused while it must wait);
    `say_if_taken`: refuse an email that already has an account on its field."""
    throttle.refuse_if_waiting(db, [(throttle.sign_ups(), client)], "organisation", now)
    form = FormCheck(data)
    organisation_name = form.text("organisation", "Organisation name", max_len=120)
    name, time_zone = check_profile(form)
    email = form.email()
    password = check_new_password(form, "password", name, email)
    if say_if_taken and "email" not in form.errors and email_taken(db, email):
        form.fail("email", "An account with this email already exists. Sign in instead.")
    form.raise_if_errors()
    throttle.count(db, [(throttle.sign_ups(), client)], now)
    return NewOrganisation(organisation_name, name, email, time_zone, get_password_hash(password))


def found_organisation(db: Session, new: NewOrganisation, device: str = "") -> str:
    """The organisation with its first user as admin, signed in; returns the session token."""
    organisation = Organisation(name=new.organisation)
    db.add(organisation)
    db.flush()
    seed_default_framework(db, organisation)
    user = User(
        organisation_id=organisation.id,
        email=new.email,
        display_name=new.display_name,
        time_zone=new.time_zone,
        password_hash=new.password_hash,
        is_admin=True,
    )
    db.add(user)
    db.flush()
    audit.record(db, AuditKind.SIGNED_UP, actor=user, detail=f"created {new.organisation}")
    return start_session(db, user, device=device)


def sign_up(db: Session, data: dict, client: str = "", now: dt.datetime | None = None, device: str = "") -> str:
    """A new organisation at once, with no mail to confirm the address (services/sign_ups.py: when the
    server sends mail, a sign-up is confirmed by mail first); returns a session token. `client` is the
    address the request came from: sign-ups from one address are limited."""
    return found_organisation(db, checked_sign_up(db, data, client, now or utcnow(), say_if_taken=True), device)


def start_session(db: Session, user: User, now: dt.datetime | None = None, device: str = "") -> str:
    """A new session; `device` names the browser it is for (services/sessions.py `device_label`)."""
    now = now or utcnow()
    token = new_token()
    lifetime = dt.timedelta(minutes=get_settings().session_absolute_minutes)
    db.add(
        AuthSession(
            user_id=user.id,
            token_hash=token_digest(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            device=device[:120],
        )
    )
    return token


def sign_in(db: Session, data: dict, client: str = "", now: dt.datetime | None = None, device: str = "") -> str:
    """A session token, or one generic refusal for every kind of failure; `client` is the address
    the request came from, `device` the browser.

    Failures are committed before refusing, so the throttle survives the
    rollback that follows a refused request.
    """
    now = now or utcnow()
    email = normalise_email(data.get("email") if isinstance(data, dict) else None)
    password = data.get("password") if isinstance(data, dict) else None
    if (
        not email
        or len(email) > 254
        or has_bad_characters(email)
        or not isinstance(password, str)
        or not password
        or len(password) > 1024
        or has_bad_characters(password)
    ):
        raise InvalidInput({"password": SIGN_IN_FAILED}, SIGN_IN_FAILED)
    counted = [(throttle.EMAIL, email), (throttle.CLIENT, client)]
    throttle.refuse_if_waiting(db, counted, "password", now)
    user = db.exec(select(User).where(User.email == email)).first()
    if verify_password(password, user.password_hash if user else None) and user.disabled_at is None:
        throttle.forget(db, throttle.EMAIL, email)
        if needs_rehash(user.password_hash):  # hashed with older parameters than today's
            user.password_hash = get_password_hash(password)
            db.add(user)
        audit.record(db, AuditKind.SIGNED_IN, actor=user)
        return start_session(db, user, now, device)
    locked = throttle.count(db, counted, now)
    audit.record(db, AuditKind.SIGN_IN_FAILED, subject=user, email=email)
    for rule in locked:
        audit.record(db, AuditKind.LOCKED_OUT, subject=user, email=email, detail=f"per {rule.noun}")
    db.commit()
    raise InvalidInput({"password": SIGN_IN_FAILED}, SIGN_IN_FAILED)


@built_once
def _session_and_user():
    return select(AuthSession, User).join(User, User.id == AuthSession.user_id).where(
        AuthSession.token_hash == bindparam("digest")
    )


def resolve_session(db: Session, token: object, now: dt.datetime | None = None) -> User:
    """The user behind a browser's token, or SignedOut saying why not."""
    now = now or utcnow()
    if not is_token_shaped(token):
        raise SignedOut("Please sign in to continue.")
    found = db.exec(_session_and_user(), params={"digest": token_digest(token)}).first()
    if found is None:
        raise SignedOut("You have been signed out. Please sign in again.")
    session, user = found
    idle_limit = dt.timedelta(minutes=get_settings().session_idle_minutes)
    if session.expires_at <= now or now - session.last_seen_at > idle_limit:
        db.delete(session)
        db.commit()
        raise SignedOut("Your session has expired. Please sign in again.")
    if user.disabled_at is not None:
        db.exec(delete(AuthSession).where(AuthSession.user_id == session.user_id))
        db.commit()
        raise SignedOut("This account has been disabled. Ask your organisation's admin.")
    if now - session.last_seen_at > LAST_SEEN_GRANULARITY:
        session.last_seen_at = now
        db.add(session)
    return user


def sign_out(db: Session, token: object) -> None:
    if not is_token_shaped(token):
        return
    session = db.exec(select(AuthSession).where(AuthSession.token_hash == token_digest(token))).first()
    if session is not None:
        audit.record(db, AuditKind.SIGNED_OUT, actor=db.get(User, session.user_id))
        db.delete(session)


def update_profile(db: Session, actor: User, data: dict) -> User:
    form = FormCheck(data)
    name, time_zone = check_profile(form)
    advanced = form.data.get("advanced_mode") in (True, "on", "true")
    rule = chosen_rule(form, actor, local_day(utcnow(), time_zone or actor.time_zone))
    form.raise_if_errors()
    actor.display_name, actor.time_zone, actor.advanced_mode = name, time_zone, advanced
    actor.checkin_rrule = rule
    db.add(actor)
    return actor


def check_current_password(form: FormCheck, actor: User) -> object:
    """The `current_password` field, refused beside it unless it is the actor's password."""
    current = form.data.get("current_password")
    if not isinstance(current, str) or not verify_password(current, actor.password_hash):
        form.fail("current_password", "That isn't your current password.")
    return current


def change_password(db: Session, actor: User, token: str, data: dict) -> None:
    """Set a new password and end every other session of this user."""
    form = FormCheck(data)
    current = check_current_password(form, actor)
    new = check_new_password(form, "new_password", actor.display_name, actor.email)
    if "new_password" not in form.errors and isinstance(current, str) and new == current:
        form.fail("new_password", "Choose a password different from the current one.")
    form.raise_if_errors()
    actor.password_hash = get_password_hash(new)
    db.add(actor)
    audit.record(db, AuditKind.PASSWORD_CHANGED, actor=actor, detail="other sessions ended")
    db.exec(delete(AuthSession).where(AuthSession.user_id == actor.id, AuthSession.token_hash != token_digest(token)))
