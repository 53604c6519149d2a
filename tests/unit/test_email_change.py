"""Changing one's email: confirmed from the new address, the old one told; an address that already has an
account is never revealed."""

from __future__ import annotations

import datetime as dt

import pytest

from magicloop.models import User
from magicloop.services.accounts import sign_in
from magicloop.services.email_change import confirm_change, request_change
from magicloop.services.errors import InvalidInput, NotFound
from tests.conftest import PASSWORD
from tests.support import call, call_as, code_mailed_to, fresh, mails_to

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def ada(make, smtp_inbox):
    return make.user(make.organisation(), "Ada Lovelace", email="ada@analytical.test")


def asked(new: str, password: str = PASSWORD) -> dict:
    return {"new_email": new, "current_password": password}


def test_the_email_changes_only_once_the_link_mailed_to_the_new_address_is_followed(engine, ada):
    assert call_as(engine, ada, request_change, asked(" Ada@Engine.test"), now=T0) == "ada@engine.test"
    assert fresh(engine, User, ada.id).email == "ada@analytical.test"
    code = code_mailed_to(engine, "ada@engine.test")
    assert call(engine, confirm_change, code, now=T0 + dt.timedelta(hours=1)) == "ada@engine.test"
    assert fresh(engine, User, ada.id).email == "ada@engine.test"
    [notice] = mails_to(engine, "ada@analytical.test")
    assert "now uses ada@engine.test" in notice.body
    assert call(engine, sign_in, {"email": "ada@engine.test", "password": PASSWORD})
    with pytest.raises(NotFound, match="already used"):
        call(engine, confirm_change, code)


def test_an_expired_confirmation_changes_nothing(engine, ada):
    call_as(engine, ada, request_change, asked("ada@engine.test"), now=T0)
    with pytest.raises(NotFound, match="expired"):
        call(engine, confirm_change, code_mailed_to(engine, "ada@engine.test"), now=T0 + dt.timedelta(days=2))
    assert fresh(engine, User, ada.id).email == "ada@analytical.test"


def test_the_current_password_is_needed_and_bad_input_is_refused_beside_its_field(engine, ada):
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, ada, request_change, asked("not an email", "wrong password here"))
    assert set(refusal.value.field_errors) == {"new_email", "current_password"}
    with pytest.raises(InvalidInput) as refusal:
        call_as(engine, ada, request_change, asked("ada@analytical.test"))
    assert refusal.value.field_errors == {"new_email": "That is already your email."}
    assert mails_to(engine, "ada@engine.test") == []


def test_an_address_with_an_account_gets_a_mail_and_the_asker_the_usual_answer(engine, ada, make):
    make.user(make.organisation("Elsewhere"), "Bob Baker", email="bob@elsewhere.test")
    assert call_as(engine, ada, request_change, asked("bob@elsewhere.test")) == "bob@elsewhere.test"
    [mail] = mails_to(engine, "bob@elsewhere.test")
    assert "already has an account" in mail.body and "code=" not in mail.body
    assert fresh(engine, User, ada.id).email == "ada@analytical.test"


def test_an_address_taken_before_the_link_is_followed_is_refused(engine, ada, make):
    call_as(engine, ada, request_change, asked("ada@engine.test"))
    make.user(make.organisation("Elsewhere"), "Ada Other", email="ada@engine.test")
    with pytest.raises(NotFound, match="took this address"):
        call(engine, confirm_change, code_mailed_to(engine, "ada@engine.test"))
    assert fresh(engine, User, ada.id).email == "ada@analytical.test"
