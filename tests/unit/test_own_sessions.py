"""A person sees the browsers they are signed in on and ends the ones they don't recognise; an ended
session's tabs lose access at once."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from magicloop.models import AuditEvent
from magicloop.services.accounts import resolve_session, sign_in
from magicloop.services.errors import NotFound, SignedOut
from magicloop.services.sessions import device_label, end_other_sessions, end_session, list_sessions
from tests.conftest import PASSWORD
from tests.support import call, call_as

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile Safari/604.1"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (FIREFOX, "Firefox on Windows"),
        (SAFARI, "Safari on iPhone"),
        (CHROME, "Chrome on Linux"),
        ("curl/8.5", "curl/8.5"),
        ("", "Unknown browser"),
        (None, "Unknown browser"),
        ("<script>", "script"),
    ],
)
def test_a_session_is_named_after_its_browser(agent, label):
    assert device_label(agent) == label


@pytest.fixture
def ada(make):
    return make.user(make.organisation(), "Ada Lovelace", email="ada@analytical.test")


def signed_in(engine, user, agent: str) -> str:
    return call(engine, sign_in, {"email": user.email, "password": PASSWORD}, device=device_label(agent))


def test_a_person_sees_each_browser_with_this_one_first_and_marked(engine, ada, make):
    other = make.user(make.organisation("Elsewhere"), "Olu Other")
    signed_in(engine, other, FIREFOX)
    firefox, here = signed_in(engine, ada, FIREFOX), signed_in(engine, ada, CHROME)
    rows = call_as(engine, ada, list_sessions, here)
    assert [(r.device, r.current) for r in rows] == [("Chrome on Linux", True), ("Firefox on Windows", False)]
    assert all(r.started and r.last_seen for r in rows)
    assert firefox not in repr(rows)


def test_ending_another_session_signs_its_tabs_out_at_their_next_event(engine, ada):
    firefox, here = signed_in(engine, ada, FIREFOX), signed_in(engine, ada, CHROME)
    other_id = next(r.id for r in call_as(engine, ada, list_sessions, here) if not r.current)
    call_as(engine, ada, end_session, other_id, here)
    with pytest.raises(SignedOut):
        call(engine, resolve_session, firefox)
    assert call(engine, resolve_session, here).id == ada.id


def test_this_session_and_someone_elses_cannot_be_ended_from_the_list(engine, ada, make):
    here = signed_in(engine, ada, CHROME)
    bob = make.user(make.organisation("Elsewhere"), "Bob Baker")
    bobs = signed_in(engine, bob, FIREFOX)
    [mine] = call_as(engine, ada, list_sessions, here)
    with pytest.raises(NotFound, match="this session"):
        call_as(engine, ada, end_session, mine.id, here)
    [his] = call_as(engine, bob, list_sessions, bobs)
    for garbage in (his.id, None, "1", -1):
        with pytest.raises(NotFound):
            call_as(engine, ada, end_session, garbage, here)
    assert call(engine, resolve_session, bobs).id == bob.id


def test_signing_out_everywhere_else_keeps_only_this_session(engine, ada):
    others = [signed_in(engine, ada, FIREFOX), signed_in(engine, ada, SAFARI)]
    here = signed_in(engine, ada, CHROME)
    assert call_as(engine, ada, end_other_sessions, here) == 2
    for token in others:
        with pytest.raises(SignedOut):
            call(engine, resolve_session, token)
    assert [r.current for r in call_as(engine, ada, list_sessions, here)] == [True]
    with Session(engine) as db:
        ended = db.exec(select(AuditEvent.detail).where(AuditEvent.kind == "session ended")).all()
    assert ended == ["2 other sessions"]
