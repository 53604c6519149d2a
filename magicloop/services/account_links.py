"""Single-use links mailed to someone: to reset a forgotten password, to confirm a new email address, or to
confirm a sign-up. The link carries a secret token; the database keeps only its SHA-256, like sessions,
invites and calendar links. A link works once, until it expires; a newer link for the same purpose and
person replaces the older one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlmodel import Session, delete, select

from magicloop import routes
from magicloop.config import get_settings
from magicloop.models import AccountLink, User, utcnow
from magicloop.services.errors import NotFound
from magicloop.services.security import is_token_shaped, new_token, token_digest

RESET, EMAIL, SIGN_UP = "reset", "email", "signup"
LIFETIMES = {RESET: dt.timedelta(hours=1), EMAIL: dt.timedelta(hours=24), SIGN_UP: dt.timedelta(hours=24)}
PAGES = {RESET: routes.RESET_PASSWORD, EMAIL: routes.CONFIRM_EMAIL, SIGN_UP: routes.CONFIRM_SIGN_UP}
WHAT = {RESET: "password reset link", EMAIL: "confirmation link", SIGN_UP: "confirmation link"}


def lifetime_text(purpose: str) -> str:
    hours = int(LIFETIMES[purpose].total_seconds() // 3600)
    return f"{hours} hour{'s' * (hours != 1)}"


def issue(
    db: Session, purpose: str, email: str, user: User | None = None, payload: str = "", now: dt.datetime | None = None
) -> str:
    """A new link (its address) for `purpose`, mailed to `email`; earlier unused links for the same purpose
    and person (or address, before there is a person) stop working."""
    now = now or utcnow()
    same = AccountLink.user_id == user.id if user else AccountLink.email == email
    db.exec(delete(AccountLink).where(AccountLink.purpose == purpose, same, AccountLink.used_at.is_(None)))
    token = new_token()
    db.add(
        AccountLink(
            purpose=purpose,
            token_hash=token_digest(token),
            user_id=user.id if user else None,
            email=email,
            payload=payload,
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
    )
    return f"{get_settings().public_url}{PAGES[purpose]}?code={token}"


def find(db: Session, purpose: str, code: object, now: dt.datetime | None = None) -> AccountLink:
    """The unused, unexpired link `code` opens, or NotFound saying what is wrong with it."""
    now = now or utcnow()
    what = WHAT[purpose]
    if not is_token_shaped(code):
        raise NotFound(f"This {what} isn't valid. Check that you copied all of it.")
    link = db.exec(
        select(AccountLink).where(AccountLink.token_hash == token_digest(code), AccountLink.purpose == purpose)
    ).first()
    if link is None:
        raise NotFound(f"This {what} isn't valid, or a newer one replaced it. Ask for a new one.")
    if link.used_at is not None:
        raise NotFound(f"This {what} was already used. Ask for a new one if you need it again.")
    if link.expires_at <= now:
        raise NotFound(f"This {what} has expired. Ask for a new one.")
    return link


def use(db: Session, purpose: str, code: object, now: dt.datetime | None = None) -> AccountLink:
    """Spend the link: one conditional UPDATE, so of two requests racing with the same link only one wins."""
    now = now or utcnow()
    link = find(db, purpose, code, now)
    spent = db.exec(
        update(AccountLink).where(AccountLink.id == link.id, AccountLink.used_at.is_(None)).values(used_at=now)
    )
    if spent.rowcount != 1:
        raise NotFound(f"This {WHAT[purpose]} was already used. Ask for a new one if you need it again.")
    db.refresh(link)
    return link
