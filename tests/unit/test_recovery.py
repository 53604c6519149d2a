"""A forgotten password: a single-use, expiring reset link mailed through the outbox, asked for from the
sign-in page; the answer is the same whether or not the address has an account."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlmodel import Session, select

from magicloop.models import AccountLink, AuditEvent, AuthSession, OutboxMail
from magicloop.services.accounts import resolve_session, sign_in, start_session
from magicloop.services.errors import InvalidInput, NotFound, SignedOut
from magicloop.services.recovery import NO_MAIL, request_reset, reset_for, reset_password
from tests.conftest import PASSWORD
from tests.support import call, code_mailed_to, counts, mails_to

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NEW_PASSWORD = "copper lantern meadow 77"
NEW = {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}


@pytest.fixture
def ada(make, smtp_inbox):
    return make.user(make.organisation(), "Ada Lovelace", email="ada@analytical.test")


def ask(engine, email: str, client: str = "198.51.100.7", now: dt.datetime = T0) -> None:
    call(engine, request_reset, {"email": email}, client=client, now=now)


def sessions_of(engine, user) -> int:
    with Session(engine) as db:
        return len(db.exec(select(AuthSession).where(AuthSession.user_id == user.id)).all())


def test_a_reset_link_is_mailed_and_only_its_hash_is_kept(engine, ada):
    ask(engine, "  ADA@analytical.test ")
    [mail] = mails_to(engine, "ada@analytical.test")
    code = code_mailed_to(engine, "ada@analytical.test")
    assert "/reset?code=" in mail.body and "1 hour" in mail.body
    with Session(engine) as db:
        [link] = db.exec(select(AccountLink)).all()
        assert link.purpose == "reset" and link.token_hash != code and code not in link.token_hash
        assert link.expires_at == T0 + dt.timedelta(hours=1)
    assert call(engine, reset_for, code, now=T0) == "ada@analytical.test"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(engine, ada):
    ask(engine, "nobody@analytical.test")  # no refusal, as for a known address
    assert counts(engine, OutboxMail, AccountLink) == {"OutboxMail": 0, "AccountLink": 0}
    with Session(engine) as db:
        [event] = db.exec(select(AuditEvent)).all()
        assert (event.kind, event.email, event.subject_id) == (
            "password reset requested",
            "nobody@analytical.test",
            None,
        )


def test_following_the_link_sets_the_password_ends_every_session_and_spends_the_link(engine, ada):
    with Session(engine) as db:
        tokens = [start_session(db, ada, T0), start_session(db, ada, T0)]
        db.commit()
    ask(engine, ada.email)
    code = code_mailed_to(engine, ada.email)
    call(engine, reset_password, code, NEW, now=T0 + dt.timedelta(minutes=10))
    assert sessions_of(engine, ada) == 0
    for token in tokens:
        with pytest.raises(SignedOut):
            call(engine, resolve_session, token)
    assert call(engine, sign_in, {"email": ada.email, "password": NEW_PASSWORD})
    with pytest.raises(InvalidInput):
        call(engine, sign_in, {"email": ada.email, "password": PASSWORD})
    with pytest.raises(NotFound, match="already used"):
        call(engine, reset_password, code, {"password": NEW_PASSWORD + "x", "password_confirm": NEW_PASSWORD + "x"})
    with Session(engine) as db:
        kinds = [e.kind for e in db.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert kinds[:2] == ["password reset requested", "password reset"]


def test_an_expired_link_says_so_and_changes_nothing(engine, ada):
    ask(engine, ada.email)
    code = code_mailed_to(engine, ada.email)
    with pytest.raises(NotFound, match="expired"):
        call(engine, reset_password, code, NEW, now=T0 + dt.timedelta(hours=1, seconds=1))
    assert call(engine, sign_in, {"email": ada.email, "password": PASSWORD})


def test_a_newer_link_replaces_the_older_one(engine, ada):
    ask(engine, ada.email)
    ask(engine, ada.email, now=T0 + dt.timedelta(minutes=1))
    first, second = (re.search(r"code=(\S+)", m.body).group(1) for m in mails_to(engine, ada.email))
    with pytest.raises(NotFound, match="newer one"):
        call(engine, reset_for, first, now=T0 + dt.timedelta(minutes=2))
    assert call(engine, reset_for, second, now=T0 + dt.timedelta(minutes=2)) == ada.email


@pytest.mark.parametrize("code", ["", "x" * 200, None, 7, "not-a-real-code"])
def test_a_link_that_is_no_link_is_refused(engine, ada, code):
    with pytest.raises(NotFound, match="isn't valid"):
        call(engine, reset_for, code)


def test_a_weak_new_password_is_refused_beside_the_field_and_the_link_still_works(engine, ada):
    ask(engine, ada.email)
    code = code_mailed_to(engine, ada.email)
    with pytest.raises(InvalidInput) as refusal:
        call(engine, reset_password, code, {"password": "short", "password_confirm": "short"}, now=T0)
    assert "12 characters" in refusal.value.field_errors["password"]
    with pytest.raises(InvalidInput) as refusal:
        personal = "ada lovelace rocks 1843"
        call(engine, reset_password, code, {"password": personal, "password_confirm": personal}, now=T0)
    assert "name or email" in refusal.value.field_errors["password"]
    call(engine, reset_password, code, NEW, now=T0)


def test_a_disabled_account_gets_no_link(engine, make, smtp_inbox):
    user = make.user(make.organisation(), "Dee Disabled", email="dee@analytical.test")
    user.disabled_at = T0
    make.db.add(user)
    make.db.commit()
    ask(engine, "dee@analytical.test")
    assert mails_to(engine, "dee@analytical.test") == []


def test_requests_are_throttled_per_address_asked_about_and_per_client(engine, ada):
    for n in range(3):
        ask(engine, ada.email, now=T0 + dt.timedelta(minutes=n))
    with pytest.raises(InvalidInput, match="wait"):
        ask(engine, ada.email, now=T0 + dt.timedelta(minutes=4))
    with pytest.raises(InvalidInput, match="wait"):  # unknown addresses alike
        for n in range(4):
            ask(engine, "nobody@analytical.test", client="203.0.113.1", now=T0 + dt.timedelta(minutes=n))
    for n in range(10):
        ask(engine, f"someone{n}@elsewhere.test", client="192.0.2.5", now=T0 + dt.timedelta(minutes=n))
    with pytest.raises(InvalidInput, match="your network"):
        ask(engine, "someone-else@elsewhere.test", client="192.0.2.5", now=T0 + dt.timedelta(minutes=11))
    assert len(mails_to(engine, ada.email)) == 3


def test_without_mail_settings_the_page_says_no_link_can_be_sent(engine, make):
    make.user(make.organisation(), "Ada Lovelace", email="ada@analytical.test")
    with pytest.raises(InvalidInput) as refusal:
        ask(engine, "ada@analytical.test")
    assert refusal.value.field_errors == {"email": NO_MAIL}
