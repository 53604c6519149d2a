"""An admin's hand in other people's accounts: a password reset link sent to a member, another member made
admin, and stepping down. The organisation always keeps an active admin (`organisation.keep_an_admin`,
checked inside the write transaction with the organisation's row locked)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from magicloop.config import get_settings
from magicloop.models import User, utcnow
from magicloop.services import audit
from magicloop.services.audit import AuditKind
from magicloop.services.errors import InvalidInput
from magicloop.services.organisation import administered, holding_admins, keep_an_admin, member
from magicloop.services.recovery import NO_MAIL, mail_reset_link


def _active_member(db: Session, actor: User, user_id: object, organisation=None) -> User:
    user = member(db, organisation or administered(db, actor), user_id, "user_id")
    if user.disabled_at is not None:
        raise InvalidInput({"user_id": "Enable the account first."}, f"{user.display_name}'s account is disabled.")
    return user


def send_reset_link(db: Session, actor: User, user_id: object, now: dt.datetime | None = None) -> str:
    """Mail a member a link to choose a new password; the admin never sees it. Returns their name."""
    if not get_settings().smtp_enabled:
        administered(db, actor)
        raise InvalidInput({}, NO_MAIL)
    user = _active_member(db, actor, user_id)
    mail_reset_link(db, user, now or utcnow(), by=actor)
    audit.record(db, AuditKind.RESET_LINK_SENT, actor=actor, subject=user)
    return user.display_name


def make_admin(db: Session, actor: User, user_id: object) -> str:
    """Another member becomes an admin too. Returns their name."""
    organisation = holding_admins(db, actor)
    user = _active_member(db, actor, user_id, organisation)
    if not user.is_admin:
        user.is_admin = True
        db.add(user)
        audit.record(db, AuditKind.MADE_ADMIN, actor=actor, subject=user)
    return user.display_name


def step_down(db: Session, actor: User) -> None:
    """The actor is no longer an admin, if another active admin remains."""
    organisation = holding_admins(db, actor)
    actor.is_admin = False
    db.add(actor)
    keep_an_admin(db, organisation)
    audit.record(db, AuditKind.STEPPED_DOWN, actor=actor)
