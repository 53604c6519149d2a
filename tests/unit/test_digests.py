"""The daily email digest: one mail a day per person with unread news, after 07:00 on their own clock,
however many app workers queue digests at once."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from magicloop.config import get_settings
from magicloop.db import transaction
from magicloop.models import Notification, OutboxMail, User, utcnow
from magicloop.outbox import deliver_due
from magicloop.services.digests import queue_daily_digest
from magicloop.services.notifications import notify
from tests.conftest import Factory
from tests.support import at_once


@pytest.fixture
def people(make):
    org = make.organisation()
    return SimpleNamespace(
        owner=make.user(org, "Ada Owner", email="ada@acme.test"),
        manager=make.user(org, "Max Manager", email="max@acme.test"),
        mentor=make.user(org, "Mia Mentor", email="mia@acme.test"),
    )


def at(year, month, day, hour=12, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def body_of(message) -> str:
    return message.get_payload(decode=True).decode()


def digest(db, engine, now) -> int:
    """The digest queued and committed, then the outbox sent; returns the mails queued."""
    queued = queue_daily_digest(db, now=now)
    db.commit()
    deliver_due(engine)
    return queued


def test_the_digest_sends_one_mail_per_person_with_their_unread_news(db, engine, people, smtp_inbox):
    disabled = people.mentor
    disabled.disabled_at = utcnow()
    db.add_all(
        [
            Notification(
                recipient_id=people.owner.id,
                kind="ask",
                message="Max Manager logged an ask",
                created_at=at(2026, 11, 21, 9),
            ),
            Notification(
                recipient_id=people.owner.id,
                kind="comment",
                message="Max Manager commented: Nice",
                created_at=at(2026, 11, 21, 10),
            ),
            Notification(recipient_id=people.owner.id, kind="grant", message="Already read", read_at=utcnow()),
            Notification(recipient_id=people.manager.id, kind="reply", message="Ada Owner replied: Done"),
            Notification(recipient_id=disabled.id, kind="grant", message="For a disabled account"),
        ]
    )
    db.flush()
    assert digest(db, engine, at(2026, 11, 22, 7)) == 2
    mails = {m["To"]: m for m in smtp_inbox.messages}
    assert set(mails) == {"ada@acme.test", "max@acme.test"}
    assert mails["ada@acme.test"]["Subject"] == "Magic Loop: 2 updates"
    assert mails["max@acme.test"]["Subject"] == "Magic Loop: 1 update"
    ada = body_of(mails["ada@acme.test"])
    assert "Hello Ada Owner" in ada
    assert ada.index("- Max Manager logged an ask") < ada.index("- Max Manager commented: Nice")
    assert "Already read" not in ada and "/notifications" in ada
    emailed = {n.message: n.emailed_at for n in db.exec(select(Notification))}
    assert emailed["Max Manager logged an ask"] == at(2026, 11, 22, 7)
    assert (emailed["Already read"], emailed["For a disabled account"]) == (None, None)

    assert digest(db, engine, at(2026, 11, 22, 8)) == 0
    notify(db, people.owner.id, "reply", "Mia Mentor replied: Great")
    db.flush()
    assert digest(db, engine, at(2026, 11, 22, 20)) == 0  # one digest a day: this waits for tomorrow's
    assert digest(db, engine, at(2026, 11, 23, 7)) == 1
    assert "Mia Mentor replied: Great" in body_of(smtp_inbox.messages[-1])
    assert "logged an ask" not in body_of(smtp_inbox.messages[-1])
    assert len(smtp_inbox.messages) == 3


@pytest.mark.parametrize(
    "zone, before, after",
    [
        ("UTC", at(2026, 11, 22, 6, 59), at(2026, 11, 22, 7)),
        ("Europe/London", at(2026, 7, 1, 5, 59), at(2026, 7, 1, 6)),  # summer time: 07:00 there is 06:00 UTC
        ("Europe/London", at(2026, 12, 1, 6, 59), at(2026, 12, 1, 7)),
        ("America/New_York", at(2026, 3, 9, 10, 59), at(2026, 3, 9, 11)),  # the day after clocks went forward
        ("Pacific/Kiritimati", at(2026, 11, 21, 16, 59), at(2026, 11, 21, 17)),  # UTC+14: already the 22nd there
        ("Pacific/Pago_Pago", at(2026, 11, 22, 17, 59), at(2026, 11, 22, 18)),  # UTC-11
    ],
)
def test_the_digest_goes_out_after_seven_on_the_persons_own_clock(db, engine, people, smtp_inbox, zone, before, after):
    people.owner.time_zone = zone
    notify(db, people.owner.id, "ask", "Max Manager logged an ask")
    db.add(people.owner)
    db.flush()
    assert digest(db, engine, before) == 0
    assert digest(db, engine, after) == 1
    assert db.get(User, people.owner.id).digested_on == after.astimezone(ZoneInfo(zone)).date()


def test_several_workers_queueing_at_once_send_each_person_one_digest(shared_engine, smtp_inbox):
    with Session(shared_engine) as db:
        make = Factory(db)
        org = make.organisation()
        for n in range(12):
            notify(db, make.user(org, f"P{n} Person", email=f"p{n}@acme.test").id, "ask", f"News {n}")
        db.commit()
    now = at(2026, 11, 22, 9)

    def worker() -> int:
        with transaction(shared_engine) as db:
            return queue_daily_digest(db, now)

    counts = at_once(worker, 3)
    deliver_due(shared_engine)
    assert sum(counts) == 12
    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted(f"p{n}@acme.test" for n in range(12))


def test_without_smtp_settings_no_digest_is_queued_and_the_news_waits(db, engine, people, monkeypatch):
    monkeypatch.delenv("MAGICLOOP_SMTP_HOST", raising=False)
    get_settings.cache_clear()
    try:
        notify(db, people.owner.id, "ask", "Max Manager logged an ask")
        db.flush()
        assert digest(db, engine, at(2026, 11, 22, 9)) == 0
    finally:
        get_settings.cache_clear()
    assert db.exec(select(Notification.emailed_at)).one() is None
    assert db.exec(select(OutboxMail)).all() == []
