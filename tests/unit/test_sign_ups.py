"""Signing up is confirmed by mail, and neither sign-up nor an invite reveals whether an address already has
an account: its owner is mailed instead."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from magicloop.models import AccountLink, AuditEvent, Invite, Organisation, OutboxMail, User
from magicloop.services.accounts import resolve_session
from magicloop.services.errors import InvalidInput, NotFound
from magicloop.services.organisation import invite
from magicloop.services.sign_ups import confirm_sign_up, pending_sign_up, request_sign_up
from tests.conftest import PASSWORD
from tests.support import call, call_as, code_mailed_to, counts, mails_to

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SIGN_UP = {
    "organisation": "Acme Support 🚀",
    "display_name": "Ada Lovelace",
    "email": "ada@analytical.test",
    "time_zone": "Europe/London",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
}


def test_a_sign_up_creates_nothing_until_the_mailed_link_is_followed(engine, smtp_inbox):
    assert call(engine, request_sign_up, SIGN_UP, now=T0) is None
    assert counts(engine, Organisation, User) == {"Organisation": 0, "User": 0}
    code = code_mailed_to(engine, "ada@analytical.test")
    with Session(engine) as db:
        [link] = db.exec(select(AccountLink)).all()
    assert code not in link.payload and PASSWORD not in link.payload and link.token_hash != code
    pending = call(engine, pending_sign_up, code, now=T0)
    assert (pending.email, pending.organisation) == ("ada@analytical.test", "Acme Support 🚀")
    token = call(engine, confirm_sign_up, code, now=T0, device="Firefox on Linux")
    ada = call(engine, resolve_session, token)
    assert (ada.display_name, ada.is_admin, ada.time_zone) == ("Ada Lovelace", True, "Europe/London")
    with Session(engine) as db:
        assert db.get(Organisation, ada.organisation_id).name == "Acme Support 🚀"
        assert [e.kind for e in db.exec(select(AuditEvent))] == ["signed up"]
    with pytest.raises(NotFound, match="already used"):
        call(engine, confirm_sign_up, code, now=T0)


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_a_mail(engine, smtp_inbox):
    call(engine, confirm_sign_up, (call(engine, request_sign_up, SIGN_UP), code_mailed_to(engine, SIGN_UP["email"]))[1])
    again = {**SIGN_UP, "organisation": "Other Co", "email": " ADA@analytical.test"}
    assert call(engine, request_sign_up, again) is None  # the same answer as for a new address
    note = mails_to(engine, "ada@analytical.test")[-1]
    assert "already has an account" in note.body and "code=" not in note.body and "/forgot" in note.body
    assert counts(engine, Organisation) == {"Organisation": 1}


def test_two_links_followed_for_one_address_make_one_account(engine, smtp_inbox):
    call(engine, request_sign_up, SIGN_UP)
    first = code_mailed_to(engine, "ada@analytical.test")
    call(engine, request_sign_up, {**SIGN_UP, "organisation": "Second Co"})
    second = code_mailed_to(engine, "ada@analytical.test")
    with pytest.raises(NotFound, match="newer one"):
        call(engine, confirm_sign_up, first)
    call(engine, confirm_sign_up, second)
    assert counts(engine, Organisation, User) == {"Organisation": 1, "User": 1}


def test_an_expired_sign_up_link_says_so(engine, smtp_inbox):
    call(engine, request_sign_up, SIGN_UP, now=T0)
    with pytest.raises(NotFound, match="expired"):
        call(engine, confirm_sign_up, code_mailed_to(engine, "ada@analytical.test"), now=T0 + dt.timedelta(days=2))
    assert counts(engine, User) == {"User": 0}


def test_bad_input_is_refused_beside_its_field_before_any_mail(engine, smtp_inbox):
    with pytest.raises(InvalidInput) as refusal:
        call(engine, request_sign_up, {**SIGN_UP, "password": "short", "password_confirm": "short"})
    assert set(refusal.value.field_errors) == {"password"}
    assert counts(engine, OutboxMail, AccountLink) == {"OutboxMail": 0, "AccountLink": 0}


def test_without_mail_settings_a_sign_up_makes_the_organisation_at_once(engine):
    token = call(engine, request_sign_up, SIGN_UP)
    assert call(engine, resolve_session, token).email == "ada@analytical.test"


def test_inviting_an_address_with_an_account_looks_the_same_and_mails_its_owner(engine, make, smtp_inbox):
    acme, elsewhere = make.organisation("Acme Support"), make.organisation("Elsewhere")
    admin = make.user(acme, "Ada Admin", admin=True)
    make.user(elsewhere, "Bob Baker", email="bob@elsewhere.test")
    taken = call_as(engine, admin, invite, {"email": "bob@elsewhere.test"})
    new = call_as(engine, admin, invite, {"email": "cara@acme.test"})
    assert (taken.link, taken.mailed, new.link, new.mailed) == ("", True, "", True)
    with Session(engine) as db:
        assert sorted(i.email for i in db.exec(select(Invite))) == ["bob@elsewhere.test", "cara@acme.test"]
    [note] = mails_to(engine, "bob@elsewhere.test")
    assert "already has a Magic Loop account" in note.body and "code=" not in note.body
    assert "/invite?code=" in mails_to(engine, "cara@acme.test")[0].body
