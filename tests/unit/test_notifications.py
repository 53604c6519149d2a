"""The in-app inbox, reminders for what is due, and what an open tab polls for to learn of changes
without a reload."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import select

from magicloop.models import (
    CarriedItem,
    Loop,
    ManagerAsk,
    Notification,
    Recommendation,
    ReportingLine,
    utcnow,
)
from magicloop.services import mentoring, notifications
from magicloop.services.notifications import PAGE_SIZE, notify
from tests.clock import NOON
from tests.support import count

ZONE = "Pacific/Auckland"
pytestmark = pytest.mark.usefixtures("at_noon")
TODAY = NOON.astimezone(ZoneInfo(ZONE)).date()  # reminders are once per day of the owner's calendar


@pytest.fixture
def people(make):
    org = make.organisation()
    return SimpleNamespace(
        owner=make.user(org, "Ada Owner", email="ada@acme.test"),
        manager=make.user(org, "Max Manager", email="max@acme.test"),
        mentor=make.user(org, "Mia Mentor", email="mia@acme.test"),
    )


def messages(db, user) -> list[str]:
    return list(
        db.exec(
            select(Notification.message).where(Notification.recipient_id == user.id).order_by(Notification.id)
        ).all()
    )


def at(year, month, day, hour=12, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


# --- notify, unread count and the inbox ------------------------------------------------------------------------


def test_notify_reaches_the_recipient_but_never_the_actor(db, people):
    notify(db, people.owner.id, "ask", "Max Manager logged an ask", "/loop?id=1", actor=people.manager)
    notify(db, people.manager.id, "ask", "to myself", actor=people.manager)
    notify(db, None, "reply", "to nobody", actor=people.manager)
    notify(db, people.owner.id, "grant", "x" * 400, "/" + "y" * 400)
    db.flush()
    assert messages(db, people.owner) == ["Max Manager logged an ask", "x" * 300]
    assert messages(db, people.manager) == []
    assert db.exec(select(func.max(func.length(Notification.link)))).one() == 300


def test_unread_count_and_inbox_newest_first_in_the_viewers_time_zone(db, people):
    people.owner.time_zone = ZONE
    db.add_all(
        [
            Notification(
                recipient_id=people.owner.id,
                kind="ask",
                message="Older",
                link="/loop?id=1",
                created_at=at(2026, 11, 20, 9),
            ),
            Notification(
                recipient_id=people.owner.id,
                kind="comment",
                message="Newer",
                created_at=at(2026, 11, 21, 23, 30),
                read_at=at(2026, 11, 22),
            ),
            Notification(recipient_id=people.manager.id, kind="ask", message="Not yours"),
        ]
    )
    db.flush()
    assert notifications.unread_count(db, people.owner) == 1
    rows, more = notifications.inbox(db, people.owner)
    assert [(r.message, r.when, r.unread) for r in rows] == [
        ("Newer", "22 Nov, 12:30", False),
        ("Older", "20 Nov, 22:00", True),
    ]
    assert more is False


def test_the_inbox_is_paged(db, people):
    start = at(2026, 1, 1)
    db.add_all(
        [
            Notification(
                recipient_id=people.owner.id,
                kind="ask",
                message=f"Update {n}",
                created_at=start + dt.timedelta(hours=n),
            )
            for n in range(PAGE_SIZE * 2 + 5)
        ]
    )
    db.flush()
    pages = [notifications.inbox(db, people.owner, page) for page in range(3)]
    assert [(len(rows), more) for rows, more in pages] == [(PAGE_SIZE, True), (PAGE_SIZE, True), (5, False)]
    shown = [r.message for rows, _ in pages for r in rows]
    assert shown == [f"Update {n}" for n in reversed(range(PAGE_SIZE * 2 + 5))]
    assert notifications.inbox(db, people.owner, 3) == ([], False)


@pytest.mark.parametrize("page", [None, "1", -1, True, 1.5, [1], {"page": 1}])
def test_a_bad_page_shows_the_first(db, people, page):
    db.add_all(
        [
            Notification(
                recipient_id=people.owner.id,
                kind="ask",
                message=f"Update {n}",
                created_at=at(2026, 1, 1) + dt.timedelta(hours=n),
            )
            for n in range(PAGE_SIZE + 1)
        ]
    )
    db.flush()
    assert notifications.inbox(db, people.owner, page) == notifications.inbox(db, people.owner, 0)


def test_mark_read_one_or_all_touches_only_your_own(db, people):
    mine = [Notification(recipient_id=people.owner.id, kind="ask", message=f"Mine {n}") for n in range(3)]
    theirs = Notification(recipient_id=people.manager.id, kind="ask", message="Theirs")
    db.add_all([*mine, theirs])
    db.flush()
    notifications.mark_read(db, people.owner, theirs.id)
    notifications.mark_read(db, people.owner, mine[0].id)
    assert notifications.unread_count(db, people.owner) == 2
    assert [r.unread for r in notifications.inbox(db, people.owner)[0]] == [True, True, False]
    notifications.mark_read(db, people.owner)
    assert notifications.unread_count(db, people.owner) == 0
    assert notifications.unread_count(db, people.manager) == 1


@pytest.mark.parametrize("bad", ["1", True, 1.5, [1], {"id": 1}, 999_999])
def test_mark_read_with_a_bad_id_changes_nothing(db, people, bad):
    db.add(Notification(recipient_id=people.owner.id, kind="ask", message="Mine"))
    db.flush()
    notifications.mark_read(db, people.owner, bad)
    assert notifications.unread_count(db, people.owner) == 1


# --- reminders of what is due ----------------------------------------------------------------------------------


@pytest.fixture
def due_items(db, make, people):
    people.owner.time_zone = ZONE
    db.add(people.owner)
    loop = make.loop(people.owner)
    day = dt.timedelta(days=1)
    items = [
        ManagerAsk(
            loop_id=loop.id, logged_by_id=people.manager.id, what="Due tomorrow", asked_on=TODAY, due_on=TODAY + day
        ),
        ManagerAsk(
            loop_id=loop.id,
            logged_by_id=people.manager.id,
            what="Overdue",
            asked_on=TODAY,
            due_on=TODAY - 3 * day,
            status="in_progress",
        ),
        ManagerAsk(
            loop_id=loop.id,
            logged_by_id=people.manager.id,
            what="Done late",
            asked_on=TODAY,
            due_on=TODAY - 3 * day,
            status="done",
        ),
        ManagerAsk(
            loop_id=loop.id, logged_by_id=people.manager.id, what="Next week", asked_on=TODAY, due_on=TODAY + 7 * day
        ),
        ManagerAsk(loop_id=loop.id, logged_by_id=people.manager.id, what="Whenever", asked_on=TODAY),
        Recommendation(
            loop_id=loop.id, recommended_by_id=people.manager.id, what="Present at the forum", due_on=TODAY + day
        ),
        Recommendation(
            loop_id=loop.id,
            recommended_by_id=people.manager.id,
            what="Write the case",
            due_on=TODAY - day,
            status="done",
        ),
    ]
    db.add_all(items)
    db.commit()
    return loop


def test_remind_due_tells_the_owner_what_falls_due_or_is_overdue_once(db, people, due_items):
    assert notifications.remind_due(db, people.owner, TODAY) == 3
    db.flush()
    assert sorted(messages(db, people.owner)) == sorted(
        ["“Due tomorrow” is due tomorrow", "“Overdue” is overdue", "“Present at the forum” is due tomorrow"]
    )
    assert {n.link.split("&")[0] for n in db.exec(select(Notification))} == {f"/loop?id={due_items.id}"}
    assert notifications.remind_due(db, people.owner, TODAY) == 0
    db.flush()
    assert count(db, Notification) == (3,)
    assert messages(db, people.manager) == []


def reminders_by_day(db, owner, days: range) -> list[int]:
    sent = []
    for n in days:
        sent.append(notifications.remind_due(db, owner, TODAY + dt.timedelta(days=n)))
        db.flush()
    return sent


def one_ask(db, make, people, due_on: dt.date) -> ManagerAsk:
    people.owner.time_zone = ZONE
    ask = ManagerAsk(
        loop_id=make.loop(people.owner).id,
        logged_by_id=people.manager.id,
        what="Ship it",
        asked_on=TODAY,
        due_on=due_on,
    )
    db.add(ask)
    db.flush()
    return ask


def test_an_item_is_reminded_of_the_day_before_it_is_due_then_once_a_week_while_overdue(db, make, people):
    one_ask(db, make, people, TODAY + dt.timedelta(days=1))

    sent = reminders_by_day(db, people.owner, range(22))

    assert [day for day, n in enumerate(sent) if n] == [0, 7, 14, 21]
    assert messages(db, people.owner).count("“Ship it” is due tomorrow") == 1
    assert messages(db, people.owner).count("“Ship it” is overdue") == 3


@pytest.mark.parametrize("ending", ["done", "deleted", "loop closed"])
def test_reminders_stop_once_the_item_is_done_deleted_or_its_loop_closed(db, make, people, ending):
    ask = one_ask(db, make, people, TODAY - dt.timedelta(days=1))
    assert reminders_by_day(db, people.owner, range(1)) == [1]
    if ending == "done":
        ask.status = "done"
        db.add(ask)
    elif ending == "deleted":
        db.delete(ask)
    else:
        loop = db.get(Loop, ask.loop_id)
        loop.closed_at = utcnow()
        db.add(loop)
    db.flush()

    assert reminders_by_day(db, people.owner, range(1, 30)) == [0] * 29


def test_a_due_date_moved_later_is_reminded_of_again_when_it_comes(db, make, people):
    ask = one_ask(db, make, people, TODAY)
    assert reminders_by_day(db, people.owner, range(1)) == [1]
    ask.due_on = TODAY + dt.timedelta(days=10)
    db.add(ask)
    db.flush()

    assert [day for day, n in enumerate(reminders_by_day(db, people.owner, range(12))) if n] == [9]


def test_an_item_due_today_is_not_called_overdue(db, make, people):
    people.owner.time_zone = ZONE
    loop = make.loop(people.owner)
    db.add(
        ManagerAsk(
            loop_id=loop.id, logged_by_id=people.manager.id, what="Send the report", asked_on=TODAY, due_on=TODAY
        )
    )
    db.flush()
    notifications.remind_due(db, people.owner, TODAY)
    db.flush()
    assert "“Send the report” is overdue" not in messages(db, people.owner)


def test_two_items_with_the_same_title_get_a_reminder_each(db, make, people):
    people.owner.time_zone = ZONE
    loop = make.loop(people.owner)
    db.add_all(
        [
            ManagerAsk(
                loop_id=loop.id,
                logged_by_id=people.manager.id,
                what="Call the customer",
                asked_on=TODAY,
                due_on=TODAY - dt.timedelta(days=n),
            )
            for n in (1, 2)
        ]
    )
    db.flush()
    assert notifications.remind_due(db, people.owner, TODAY) == 2
    db.flush()
    assert count(db, Notification) == (2,)


def test_remind_due_covers_items_carried_into_the_current_loop_only(db, make, people):
    old = make.loop(people.owner, number=1)
    old.closed_at = utcnow()
    ask = ManagerAsk(
        loop_id=old.id,
        logged_by_id=people.manager.id,
        what="Carried",
        asked_on=TODAY,
        due_on=TODAY - dt.timedelta(days=2),
    )
    left = ManagerAsk(
        loop_id=old.id,
        logged_by_id=people.manager.id,
        what="Left behind",
        asked_on=TODAY,
        due_on=TODAY - dt.timedelta(days=2),
    )
    db.add_all([old, ask, left])
    db.flush()
    assert notifications.remind_due(db, people.owner, TODAY) == 0  # no loop under way
    current = make.loop(people.owner, number=2)
    db.add(CarriedItem(loop_id=current.id, item_kind="ask", item_id=ask.id))
    db.flush()
    assert notifications.remind_due(db, people.owner, TODAY) == 1
    db.flush()
    assert messages(db, people.owner) == ["“Carried” is overdue"]


# --- what an open tab polls for --------------------------------------------------------------------------------


def test_live_status_counts_unread_and_changes_when_a_grant_is_revoked(db, people):
    assert notifications.live_status(db, people.mentor) == (0, [])
    mentoring.grant_access(db, people.owner, {"mentor_email": "mia@acme.test"}, utcnow().date())
    db.flush()
    unread, following = notifications.live_status(db, people.mentor)
    assert (unread, following) == (1, [people.owner.id])
    [grant] = mentoring.list_grants(db, people.owner)
    mentoring.revoke_access(db, people.owner, grant.id)
    db.flush()
    assert notifications.live_status(db, people.mentor) == (2, [])


def test_live_status_changes_when_a_reporting_line_ends(db, make, people):
    line = make.reporting_line(people.manager, people.owner)
    make.reporting_line(people.manager, people.mentor)
    before = notifications.live_status(db, people.manager)
    assert before == (0, sorted([people.owner.id, people.mentor.id]))
    line.ends_on = utcnow().date()
    db.add(line)
    db.flush()
    assert notifications.live_status(db, people.manager) == (0, [people.mentor.id])
    assert db.get(ReportingLine, line.id).ends_on is not None
