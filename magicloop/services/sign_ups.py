"""Signing up, confirmed by mail: a sign-up mails a link to the address given, and the organisation and its
admin account are made only when that link is followed. The answer is the same whether or not the address
already has an account; its owner is mailed instead. Without mail settings no address can be confirmed,
so a sign-up makes the organisation at once (`accounts.sign_up`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from sqlmodel import Session

from magicloop import routes
from magicloop.config import get_settings
from magicloop.models import utcnow
from magicloop.services import account_links, accounts, mail
from magicloop.services.account_links import SIGN_UP
from magicloop.services.accounts import NewOrganisation, email_taken
from magicloop.services.errors import NotFound


@dataclasses.dataclass(frozen=True)
class PendingSignUp:
    email: str
    organisation: str


def request_sign_up(
    db: Session, data: dict, client: str = "", now: dt.datetime | None = None, device: str = ""
) -> str | None:
    """Mail a confirmation link (or, to an address that has an account, a note to its owner) and return
    None; without mail settings, sign up at once and return the session token."""
    now = now or utcnow()
    if not get_settings().smtp_enabled:
        return accounts.sign_up(db, data, client, now, device)
    new = accounts.checked_sign_up(db, data, client, now, say_if_taken=False)
    public_url = get_settings().public_url
    if email_taken(db, new.email):
        mail.queue(
            db,
            new.email,
            "Someone tried to sign up to Magic Loop with your address",
            "Someone (perhaps you) tried to create a Magic Loop organisation with this address, but it already "
            f"has an account, so nothing was created.\n\nSign in: {public_url}{routes.SIGN_IN}\n"
            f"Forgot your password? Reset it: {public_url}{routes.FORGOT_PASSWORD}\n",
        )
        return None
    payload = json.dumps(dataclasses.asdict(new), ensure_ascii=False)
    link = account_links.issue(db, SIGN_UP, new.email, payload=payload, now=now)
    mail.queue(
        db,
        new.email,
        f"Confirm your Magic Loop organisation {new.organisation}",
        f"Welcome to Magic Loop, {new.display_name}. Follow this link to create {new.organisation} and sign in "
        f"(it works once, for {account_links.lifetime_text(SIGN_UP)}):\n{link}\n\n"
        "If you didn't sign up, ignore this mail: nothing is created.\n",
    )
    return None


def pending_sign_up(db: Session, code: object, now: dt.datetime | None = None) -> PendingSignUp:
    """What following the link would create, or NotFound saying why it can't."""
    link = account_links.find(db, SIGN_UP, code, now)
    return PendingSignUp(email=link.email, organisation=json.loads(link.payload)["organisation"])


def confirm_sign_up(db: Session, code: object, now: dt.datetime | None = None, device: str = "") -> str:
    """Spend the link: the organisation and its admin, signed in. Returns the session token."""
    link = account_links.use(db, SIGN_UP, code, now)
    if email_taken(db, link.email):
        raise NotFound("An account with this email already exists. Sign in instead.")
    return accounts.found_organisation(db, NewOrganisation(**json.loads(link.payload)), device)
