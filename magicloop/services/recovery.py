"""A forgotten password: a reset link mailed to the account's address, asked for from the sign-in page or
sent by an admin. The page answers alike whether or not the address has an account."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, delete, select

from magicloop.config import get_settings
from magicloop.models import AuthSession, User, utcnow
from magicloop.services import account_links, audit, mail, throttle
from magicloop.services.account_links import RESET
from magicloop.services.accounts import check_new_password
from magicloop.services.audit import AuditKind
from magicloop.services.errors import InvalidInput, NotFound
from magicloop.services.security import get_password_hash
from magicloop.services.validation import FormCheck

NO_MAIL = "This server can't send mail, so no link can be sent. Ask your organisation's admin."


def mail_reset_link(db: Session, user: User, now: dt.datetime, by: User | None = None) -> None:
    """Queue a reset link to `user`'s address (a newer link replaces any earlier one)."""
    link = account_links.issue(db, RESET, user.email, user, now=now)
    asked = f"{by.display_name}, your organisation's admin, sent you" if by else "Someone (we hope you) asked for"
    mail.queue(
        db,
        user.email,
        "Reset your Magic Loop password",
        f"{asked} a link to choose a new Magic Loop password.\n\n"
        f"Choose it here (the link works once, for {account_links.lifetime_text(RESET)}):\n{link}\n\n"
        "If you didn't ask for it, ignore this mail: your password stays as it is.\n",
    )


def request_reset(db: Session, data: dict, client: str = "", now: dt.datetime | None = None) -> None:
    """Mail a reset link if `data`'s email belongs to an active account; the same answer either way."""
    now = now or utcnow()
    if not get_settings().smtp_enabled:
        raise InvalidInput({"email": NO_MAIL}, NO_MAIL)
    form = FormCheck(data)
    email = form.email()
    form.raise_if_errors()
    counted = [(throttle.RESET_CLIENT, client), (throttle.RESET_EMAIL, email)]
    throttle.refuse_if_waiting(db, counted, "email", now)
    throttle.count(db, counted, now)
    user = db.exec(select(User).where(User.email == email, User.disabled_at.is_(None))).first()
    if user is not None:
        mail_reset_link(db, user, now)
    audit.record(db, AuditKind.PASSWORD_RESET_REQUESTED, subject=user, email=email, detail="" if user else "no account")


def reset_for(db: Session, code: object, now: dt.datetime | None = None) -> str:
    """The address whose password the link resets, or NotFound saying why the link can't be used."""
    return account_links.find(db, RESET, code, now).email


def reset_password(db: Session, code: object, data: dict, now: dt.datetime | None = None) -> None:
    """Set the new password, spend the link and end every session of the account."""
    now = now or utcnow()
    link = account_links.find(db, RESET, code, now)
    user = db.get(User, link.user_id)
    if user.disabled_at is not None:
        raise NotFound("This account has been disabled. Ask your organisation's admin.")
    form = FormCheck(data)
    password = check_new_password(form, "password", user.display_name, user.email)
    form.raise_if_errors()
    account_links.use(db, RESET, code, now)
    user.password_hash = get_password_hash(password)
    db.add(user)
    throttle.forget(db, throttle.EMAIL, user.email)
    db.exec(delete(AuthSession).where(AuthSession.user_id == user.id))
    audit.record(db, AuditKind.PASSWORD_RESET, actor=user, detail="every session ended")
