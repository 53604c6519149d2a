"""Mail goes through an outbox: written in the transaction that sends it, mailed after it commits
to a local SMTP server, retried when that server is down, and sent once however many senders run."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from magicloop.config import get_settings
from magicloop.db import transaction
from magicloop.models import OutboxMail, utcnow
from magicloop.outbox import deliver_due, outbox_task
from magicloop.services import mail, organisation
from magicloop.services.mail import RETRY_WAITS
from tests.conftest import Factory, Inbox
from tests.support import at_once, free_port


@pytest.fixture
def admin(make):
    return make.user(make.organisation(), "Ada Admin", admin=True)


def invite(engine, admin, email: str = "bob@acme.test"):
    with transaction(engine) as db:
        return organisation.invite(db, admin, {"email": email})


def outbox(engine) -> list[OutboxMail]:
    with transaction(engine, write=False) as db:
        return list(db.exec(select(OutboxMail).order_by(OutboxMail.id)))


def test_an_invite_is_mailed_with_its_link_once_its_transaction_commits(engine, admin, smtp_inbox) -> None:
    with transaction(engine) as db:
        created = organisation.invite(db, admin, {"email": "bob@acme.test"})
        db.flush()
        assert smtp_inbox.messages == []  # no mail server is talked to while the transaction is open

    assert created.mailed and created.link == ""  # the admin never sees the mailed link
    assert deliver_due(engine) == 1
    [message] = smtp_inbox.messages
    assert message["To"] == "bob@acme.test"
    assert "Acme Support" in message["Subject"]
    assert "/invite?code=" in message.get_payload()
    assert outbox(engine)[0].sent_at is not None
    assert deliver_due(engine) == 0 and len(smtp_inbox.messages) == 1


def test_a_transaction_that_rolls_back_mails_nothing(engine, admin, smtp_inbox) -> None:
    with pytest.raises(RuntimeError), transaction(engine) as db:
        organisation.invite(db, admin, {"email": "bob@acme.test"})
        raise RuntimeError("a later step failed")

    assert outbox(engine) == []
    assert deliver_due(engine) == 0 and smtp_inbox.messages == []


def test_without_smtp_settings_nothing_is_queued_and_the_link_is_shown(engine, admin, monkeypatch) -> None:
    monkeypatch.delenv("MAGICLOOP_SMTP_HOST", raising=False)
    get_settings.cache_clear()
    try:
        created = invite(engine, admin)
    finally:
        get_settings.cache_clear()
    assert not created.mailed and "/invite?code=" in created.link
    assert outbox(engine) == []


def test_a_mail_server_that_is_down_is_tried_again_later_until_the_mail_goes(engine, admin, monkeypatch) -> None:
    down = free_port()
    monkeypatch.setenv("MAGICLOOP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MAGICLOOP_SMTP_PORT", str(down))
    monkeypatch.setenv("MAGICLOOP_SMTP_STARTTLS", "0")
    get_settings.cache_clear()
    created, now = invite(engine, admin), utcnow()

    assert created.mailed and deliver_due(engine, now) == 0
    [waiting] = outbox(engine)
    assert (waiting.attempts, waiting.sent_at, waiting.next_attempt_at) == (1, None, now + RETRY_WAITS[0])
    assert "ConnectionRefusedError" in waiting.last_error
    assert deliver_due(engine, now + RETRY_WAITS[0] / 2) == 0  # not yet due: not even tried
    assert outbox(engine)[0].attempts == 1

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=down)
    controller.start()
    try:
        assert deliver_due(engine, now + RETRY_WAITS[0]) == 1
    finally:
        controller.stop()
        get_settings.cache_clear()
    assert [m["To"] for m in inbox.messages] == ["bob@acme.test"]
    assert outbox(engine)[0].attempts == 2


def test_a_mail_that_keeps_failing_is_given_up_after_its_last_attempt(engine, admin, monkeypatch) -> None:
    monkeypatch.setenv("MAGICLOOP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MAGICLOOP_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("MAGICLOOP_SMTP_STARTTLS", "0")
    get_settings.cache_clear()
    try:
        invite(engine, admin)
        when = utcnow()
        for wait in (*RETRY_WAITS, dt.timedelta(0)):
            assert deliver_due(engine, when) == 0
            when += wait
        [given_up] = outbox(engine)
        assert given_up.attempts == len(RETRY_WAITS) + 1 and given_up.failed_at is not None
        assert deliver_due(engine, when + dt.timedelta(days=30)) == 0
        assert outbox(engine)[0].attempts == len(RETRY_WAITS) + 1
    finally:
        get_settings.cache_clear()


def test_a_claim_whose_sender_vanished_is_taken_over_after_it_expires(engine, admin, smtp_inbox) -> None:
    invite(engine, admin)
    now = utcnow()
    with transaction(engine) as db:
        assert len(mail.claim_due(db, now)) == 1  # a sender claims it, then its process dies

    assert deliver_due(engine, now + mail.CLAIM / 2) == 0
    assert deliver_due(engine, now + mail.CLAIM + dt.timedelta(seconds=1)) == 1
    assert len(smtp_inbox.messages) == 1


def test_several_senders_at_once_send_each_mail_exactly_once(shared_engine, smtp_inbox) -> None:
    with transaction(shared_engine) as db:
        for n in range(40):
            mail.queue(db, f"person{n}@acme.test", f"Mail {n}", "Hello")
    counts = at_once(lambda: deliver_due(shared_engine), 4)

    assert sum(counts) == 40
    assert sorted(m["Subject"] for m in smtp_inbox.messages) == sorted(f"Mail {n}" for n in range(40))


def test_the_running_sender_is_woken_by_the_commit_that_queues_mail(shared_engine, smtp_inbox, monkeypatch) -> None:
    monkeypatch.setattr(mail, "_wakers", [])
    monkeypatch.setattr("magicloop.outbox.LOOK_EVERY_S", 3600)  # only the wake can make it look again
    monkeypatch.setattr("magicloop.db.get_engine", lambda: shared_engine)
    with transaction(shared_engine) as db:  # the sender and the request run on two threads at once
        admin = Factory(db).user(Factory(db).organisation(), "Ada Admin", admin=True)

    async def scenario() -> None:
        sender = asyncio.create_task(outbox_task())
        while not mail._wakers:
            await asyncio.sleep(0.01)
        await asyncio.to_thread(invite, shared_engine, admin)
        while not smtp_inbox.messages:
            await asyncio.sleep(0.05)
        sender.cancel()

    asyncio.run(asyncio.wait_for(scenario(), timeout=30))
    assert [m["To"] for m in smtp_inbox.messages] == ["bob@acme.test"]
