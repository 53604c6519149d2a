"""Changing one's email address: confirmed from the new address. The change happens only when the link
mailed there is followed; the old address is told. Whether the new address already has an account is
never shown: its owner gets a mail instead."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from magicloop import routes
from magicloop.config import get_settings
from magicloop.models import User, utcnow
from magicloop.services import account_links, audit, mail
from magicloop.services.account_links import EMAIL
from magicloop.services.accounts import check_current_password, email_taken
from magicloop.services.audit import AuditKind
from magicloop.services.errors import InvalidInput, NotFound
from magicloop.services.recovery import NO_MAIL
from magicloop.services.validation import FormCheck


def request_change(db: Session, actor: User, data: dict, now: dt.datetime | None = None) -> str:
    """Mail a confirmation link to the new address (form fields `new_email`, `current_password`);
    returns the address it went to."""
    if not get_settings().smtp_enabled:
        raise InvalidInput({"new_email": NO_MAIL}, NO_MAIL)
    form = FormCheck(data)
    new = form.email("new_email", "New email")
    if "new_email" not in form.errors and new == actor.email:
        form.fail("new_email", "That is already your email.")
    check_current_password(form, actor)
    form.raise_if_errors()
    if email_taken(db, new):
        mail.queue(
            db,
            new,
            "Someone tried to move a Magic Loop account to this address",
            f"{actor.display_name} asked to use this address for their Magic Loop account, but it already "
            "has an account: yours. Nothing was changed. If you forgot your password, reset it from the "
            f"sign-in page: {get_settings().public_url}{routes.FORGOT_PASSWORD}\n",
        )
    else:
        link = account_links.issue(db, EMAIL, new, actor, now=now)
        mail.queue(
            db,
            new,
            "Confirm your new Magic Loop email",
            f"{actor.display_name}, confirm that Magic Loop should use this address from now on "
            f"(the link works once, for {account_links.lifetime_text(EMAIL)}):\n{link}\n\n"
            "If you didn't ask for it, ignore this mail: nothing changes.\n",
        )
    audit.record(db, AuditKind.EMAIL_CHANGE_REQUESTED, actor=actor, email=new)
    return new


def new_address_for(db: Session, code: object, now: dt.datetime | None = None) -> str:
    """The address a confirmation link would move its account to, or NotFound saying why it can't."""
    return account_links.find(db, EMAIL, code, now).email


def confirm_change(db: Session, code: object, now: dt.datetime | None = None) -> str:
    """Follow the link: the account's email becomes the new address, and the old one is told. Returns it."""
    now = now or utcnow()
    link = account_links.use(db, EMAIL, code, now)
    user = db.get(User, link.user_id)
    if user.disabled_at is not None:
        raise NotFound("This account has been disabled. Ask your organisation's admin.")
    if email_taken(db, link.email):
        raise NotFound("Another account took this address in the meantime. Nothing was changed.")
    old, user.email = user.email, link.email
    db.add(user)
    mail.queue(
        db,
        old,
        "Your Magic Loop email was changed",
        f"Your Magic Loop account now uses {link.email} instead of this address. If you didn't do this, "
        "tell your organisation's admin at once.\n",
    )
    audit.record(db, AuditKind.EMAIL_CHANGED, actor=user, email=link.email, detail=f"was {old}")
    return link.email
