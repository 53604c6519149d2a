"""With SMTP settings, an invite is also mailed — to a local SMTP server."""

from __future__ import annotations

from magicloop.config import get_settings
from magicloop.services import organisation
from tests.support import free_port


def test_invite_is_mailed_with_its_link(db, make, smtp_inbox) -> None:
    acme = make.organisation()
    admin = make.user(acme, "Ada Admin", admin=True)

    created = organisation.invite(db, admin, {"email": "bob@acme.test"})

    assert created.mailed
    [message] = smtp_inbox.messages
    assert message["To"] == "bob@acme.test"
    assert "Acme Support" in message["Subject"]
    assert created.link in message.get_payload()


def test_invite_still_works_when_the_mail_server_is_down(db, make, monkeypatch) -> None:
    monkeypatch.setenv("MAGICLOOP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MAGICLOOP_SMTP_PORT", str(free_port()))
    get_settings.cache_clear()
    try:
        acme = make.organisation()
        admin = make.user(acme, "Ada Admin", admin=True)
        created = organisation.invite(db, admin, {"email": "bob@acme.test"})
    finally:
        get_settings.cache_clear()
    assert not created.mailed
    assert "/invite?code=" in created.link
