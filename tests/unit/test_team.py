"""The manager's team page, and what a manager does on a report's loop: acknowledge a
delivered ask and decide an idea (only the current manager, and only when it fits)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from magicloop.models import (
    ActionStep,
    CarriedItem,
    Comment,
    Idea,
    ManagerAsk,
    Notification,
    Organisation,
    Recommendation,
    Stage,
    TimelineEvent,
    utcnow,
)
from magicloop.services import asks, delivery, loop_view, team, tracking
from magicloop.services.errors import Forbidden, NotFound
from tests.clock import NOON
from tests.support import BAD_IDS, count, opened

pytestmark = pytest.mark.usefixtures("at_noon")
NOW = NOON
TODAY = NOW.date()  # reporting lines are checked against the real clock, so dates follow it
DAY = dt.timedelta(days=1)


@pytest.fixture
def people(make, db, people):
    """The shared cast, with a second report of the manager's from today and a manager with no tie to the owner."""
    org = db.get(Organisation, people.owner.organisation_id)
    people.bea, people.other_manager = make.user(org, "Bea Report"), make.user(org, "Olga Othermanager")
    make.reporting_line(people.manager, people.bea, starts_on=TODAY)
    return people


def rows(db, actor, now=None) -> dict[str, team.ReportRow]:
    return {r.person.name: r for r in team.team_overview(db, actor, TODAY, now or utcnow())}


def event(db, owner, when, loop=None, kind="ask"):
    db.add(
        TimelineEvent(
            owner_id=owner.id, loop_id=loop.id if loop else None, kind=kind, summary="Something", created_at=when
        )
    )


# --- who is on the team page -----------------------------------------------------------------------------------


def test_the_team_lists_only_current_active_direct_reports(make, db, people):
    org = db.get(Organisation, people.owner.organisation_id)
    future, ended, disabled, theirs = (
        make.user(org, name) for name in ("Fred Future", "Ed Ended", "Dee Disabled", "Tom Theirs")
    )
    make.reporting_line(people.manager, future, starts_on=TODAY + DAY)
    make.reporting_line(people.manager, ended, starts_on=TODAY - 90 * DAY, ends_on=TODAY)
    make.reporting_line(people.manager, disabled)
    make.reporting_line(people.other_manager, theirs)
    disabled.disabled_at = NOW
    db.add(disabled)
    db.commit()
    assert [r.person.name for r in team.team_overview(db, people.manager, TODAY, NOW)] == ["Ada Owner", "Bea Report"]
    assert [r.person.name for r in team.team_overview(db, people.other_manager, TODAY, NOW)] == ["Tom Theirs"]


@pytest.mark.parametrize("who", ["owner", "mentor", "stranger", "former", "admin", "outsider"])
def test_people_without_current_reports_see_an_empty_team(db, people, loop, who):
    assert team.team_overview(db, getattr(people, who), TODAY, NOW) == []


def test_a_report_without_a_loop_shows_as_such(db, people):
    bea = rows(db, people.manager)["Bea Report"]
    person = bea.person
    assert (person.loop_id, person.loop_number, person.goal, person.stage_title, person.last_activity) == (
        0,
        0,
        "",
        "No loop yet",
        "none yet",
    )
    assert (bea.overdue, bea.ideas_waiting, bea.unanswered, bea.stale) == (0, 0, 0, False)


def test_a_report_row_shows_the_current_loop_and_stage_and_last_activity(make, db, people, loop):
    closed = make.loop(people.owner, goal="An old goal", number=0)
    closed.closed_at = NOW - 40 * DAY
    loop.stage = Stage.GROW
    db.add_all([closed, loop])
    people.manager.time_zone = "Asia/Tokyo"
    event(db, people.owner, dt.datetime(2026, 6, 30, 16, 0, tzinfo=dt.UTC), loop)
    event(db, people.owner, dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC), closed)
    db.commit()
    ada = rows(db, people.manager)["Ada Owner"].person
    assert (ada.id, ada.loop_id, ada.loop_number, ada.goal, ada.stage_title, ada.last_activity) == (
        people.owner.id,
        loop.id,
        1,
        "Lead our VoC programme by Q3",
        "Ask how to grow",
        "01 Jul 2026",
    )


def test_what_is_open_in_a_reports_stage_is_what_their_stepper_counts(db, people, loop):
    assert rows(db, people.manager)["Ada Owner"].stage_open == 0  # a new loop: nothing recorded, nothing open
    for what in ("Clean up the survey backlog", "Draft the CSAT deck"):
        tracking.log_item(db, people.manager, "ask", loop.id, {"what": what, "priority": "medium"}, TODAY)
    loop.stage = Stage.IMPLEMENT
    db.add(loop)
    stepper = loop_view.view_loop(db, people.owner, loop.id, TODAY).stages[Stage.IMPLEMENT - 1]
    assert rows(db, people.manager)["Ada Owner"].stage_open == len(stepper.open_items) == 2


@pytest.mark.parametrize("stage", list(Stage))
def test_at_every_stage_what_is_open_is_what_the_stepper_counts(make, db, people, loop, stage):
    """Done, open, overdue and carried items of every kind, a different number open of each (3 asks, 4
    recommendations, 2 overdue steps, 1 idea here): the team page counts what the stepper lists."""
    old = make.loop(people.owner, number=0)
    old.closed_at = NOW
    db.add(old)
    db.flush()
    late, manager = TODAY - 3 * DAY, people.manager.id
    carried = [
        ManagerAsk(loop_id=old.id, logged_by_id=manager, what="Carried ask", asked_on=late, due_on=late),
        Recommendation(loop_id=old.id, recommended_by_id=manager, what="Carried rec", due_on=late),
        ActionStep(loop_id=old.id, description="Carried step", due_on=late),
    ]
    db.add_all(
        [
            *carried,
            ManagerAsk(loop_id=loop.id, logged_by_id=manager, what="Open", asked_on=late),
            ManagerAsk(loop_id=loop.id, logged_by_id=manager, what="Blocked", asked_on=late, status="blocked"),
            Recommendation(loop_id=loop.id, recommended_by_id=manager, what="Open rec"),
            Recommendation(loop_id=loop.id, recommended_by_id=manager, what="Started rec", status="in_progress"),
            ManagerAsk(loop_id=loop.id, logged_by_id=manager, what="Done", asked_on=late, status="done"),
            Recommendation(loop_id=loop.id, recommended_by_id=manager, what="Done, no reply", status="done"),
            Recommendation(loop_id=loop.id, recommended_by_id=manager, what="Closed", status="done", replied_at=NOW),
            ActionStep(loop_id=loop.id, description="Late", due_on=late),
            ActionStep(loop_id=loop.id, description="Later", due_on=TODAY + DAY),
            ActionStep(loop_id=loop.id, description="Late but done", due_on=late, done_at=NOW),
            Idea(loop_id=loop.id, author_id=people.owner.id, proposal="Waiting"),
            Idea(loop_id=old.id, author_id=people.owner.id, proposal="Waiting in the old loop"),
        ]
    )
    db.flush()
    kinds = {ManagerAsk: "ask", Recommendation: "recommendation", ActionStep: "action_step"}
    db.add_all(CarriedItem(loop_id=loop.id, item_kind=kinds[type(item)], item_id=item.id) for item in carried)
    loop.stage = stage
    db.add(loop)
    db.commit()
    stepper = loop_view.view_loop(db, people.owner, loop.id, TODAY).stages[stage - 1]
    assert rows(db, people.manager)["Ada Owner"].stage_open == len(stepper.open_items)


def test_overdue_counts_open_asks_and_recommendations_past_due_including_carried(make, db, people, loop):
    old = make.loop(people.owner, number=0)
    old.closed_at = NOW
    carried = ManagerAsk(
        loop_id=old.id,
        logged_by_id=people.manager.id,
        what="Carried",
        asked_on=TODAY - 60 * DAY,
        due_on=TODAY - 20 * DAY,
    )
    db.add_all(
        [
            old,
            carried,
            ManagerAsk(
                loop_id=loop.id, logged_by_id=people.manager.id, what="Late", asked_on=TODAY, due_on=TODAY - DAY
            ),
            ManagerAsk(
                loop_id=loop.id,
                logged_by_id=people.manager.id,
                what="Late but done",
                asked_on=TODAY,
                due_on=TODAY - DAY,
                status="done",
            ),
            ManagerAsk(loop_id=loop.id, logged_by_id=people.manager.id, what="Due today", asked_on=TODAY, due_on=TODAY),
            Recommendation(
                loop_id=loop.id,
                recommended_by_id=people.manager.id,
                what="Late step",
                due_on=TODAY - 5 * DAY,
                status="blocked",
            ),
            ManagerAsk(
                loop_id=old.id,
                logged_by_id=people.manager.id,
                what="Left in the old loop",
                asked_on=TODAY - 60 * DAY,
                due_on=TODAY - 20 * DAY,
            ),
        ]
    )
    db.flush()
    db.add(CarriedItem(loop_id=loop.id, item_kind="ask", item_id=carried.id))
    db.commit()
    assert rows(db, people.manager)["Ada Owner"].overdue == 3


def test_ideas_waiting_counts_pending_ideas_in_the_current_loop(db, people, loop):
    db.add_all(
        [
            Idea(loop_id=loop.id, author_id=people.owner.id, proposal=f"Idea {status}", status=status)
            for status in ("pending", "pending", "accepted", "declined", "withdrawn")
        ]
    )
    db.commit()
    assert rows(db, people.manager)["Ada Owner"].ideas_waiting == 2


def test_unanswered_counts_only_this_managers_open_recommendations_and_comments(db, people, loop):
    def comment(author, **extra):
        return Comment(
            loop_id=loop.id,
            author_id=author.id,
            subject_kind="loop",
            subject_id=loop.id,
            body="Hm?",
            expects_reply=author.id != people.owner.id,
            **extra,
        )

    db.add_all(
        [
            Recommendation(loop_id=loop.id, recommended_by_id=people.manager.id, what="Open"),
            Recommendation(loop_id=loop.id, recommended_by_id=people.manager.id, what="Replied", replied_at=NOW),
            Recommendation(loop_id=loop.id, recommended_by_id=people.owner.id, what="Own note"),
            Recommendation(loop_id=loop.id, recommended_by_id=people.former.id, what="From the old manager"),
            comment(people.manager),
            comment(people.manager, answered_at=NOW),
            comment(people.manager, deleted_at=NOW),
            comment(people.mentor),
            comment(people.former),
            comment(people.owner),
        ]
    )
    db.commit()
    assert rows(db, people.manager)["Ada Owner"].unanswered == 2


# --- staleness follows the report's check-in rhythm -------------------------------------------------------------


@pytest.mark.parametrize(
    "rhythm, started_days_ago, active_days_ago, stale",
    [
        ("FREQ=WEEKLY", 20, 10, True),  # last check-in due 6 days ago, nothing since
        ("FREQ=WEEKLY", 20, 3, False),
        ("FREQ=WEEKLY", 5, None, False),  # the first check-in isn't due yet
        ("FREQ=WEEKLY", 8, None, True),
        ("FREQ=MONTHLY", 20, None, False),
        ("FREQ=MONTHLY", 40, 20, True),
        (None, 20, 10, True),  # fortnightly unless chosen: due 6 days ago, nothing since
        (None, 15, 0.5, False),
        (None, 15, None, True),
    ],
)
def test_the_stale_flag_follows_the_reports_check_in_rhythm(
    db, people, loop, rhythm, started_days_ago, active_days_ago, stale
):
    now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    people.owner.checkin_rrule = rhythm
    loop.started_at = now - started_days_ago * DAY
    db.add_all([people.owner, loop])
    if active_days_ago is not None:
        event(db, people.owner, now - active_days_ago * DAY, loop)
    db.commit()
    assert rows(db, people.manager, now)["Ada Owner"].stale is stale


# --- acknowledging a delivered ask -----------------------------------------------------------------------------


@pytest.fixture
def ask(db, people, loop):
    ask = ManagerAsk(
        loop_id=loop.id, logged_by_id=people.manager.id, what="Clean up the survey backlog", asked_on=TODAY
    )
    db.add(ask)
    db.commit()
    return ask


def deliver(db, ask):
    ask.status, ask.percent, ask.completed_at = "done", 100, NOW
    db.add(ask)
    db.commit()


def ask_row(db, actor, loop, ask):
    return {r.id: r for r in tracking.list_items(db, actor, "ask", loop.id, TODAY)}[ask.id]


def test_the_manager_acknowledges_a_delivered_ask_once(db, people, loop, ask):
    assert ask_row(db, people.manager, loop, ask).can_acknowledge is False
    with pytest.raises(Forbidden):
        delivery.acknowledge_ask(db, people.manager, ask.id)
    deliver(db, ask)
    assert ask_row(db, people.manager, loop, ask).can_acknowledge is True
    delivery.acknowledge_ask(db, people.manager, ask.id)
    db.flush()
    seen = ask_row(db, people.owner, loop, ask)
    assert (seen.acknowledged, seen.can_acknowledge) == (True, False)
    assert ask_row(db, people.manager, loop, ask).can_acknowledge is False
    assert db.get(ManagerAsk, ask.id).acknowledged_by_id == people.manager.id
    assert db.exec(select(Notification.message).where(Notification.recipient_id == people.owner.id)).all() == [
        "Max Manager acknowledged your delivery: Clean up the survey backlog"
    ]
    delivery.acknowledge_ask(db, people.manager, ask.id)  # twice changes nothing
    db.flush()
    assert count(db, Notification, TimelineEvent) == (1, 1)
    assert (
        db.exec(select(TimelineEvent.summary)).one()
        == "Max Manager acknowledged the delivery: Clean up the survey backlog"
    )


@pytest.mark.parametrize("who", ["owner", "mentor", "stranger", "former", "admin", "outsider"])
def test_only_the_current_manager_acknowledges(db, people, loop, ask, who):
    deliver(db, ask)
    assert ask_row(db, people.owner, loop, ask).can_acknowledge is False
    if who == "mentor":
        assert ask_row(db, people.mentor, loop, ask).can_acknowledge is False
    with pytest.raises(Forbidden):
        delivery.acknowledge_ask(db, getattr(people, who), ask.id)
    assert db.get(ManagerAsk, ask.id).acknowledged_at is None
    assert count(db, Notification, TimelineEvent) == (0, 0)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_acknowledging_a_bad_id_is_not_found(db, people, ask, bad):
    deliver(db, ask)
    with pytest.raises(NotFound):
        delivery.acknowledge_ask(db, people.manager, bad)
    assert db.get(ManagerAsk, ask.id).acknowledged_at is None and count(db, Notification) == (0,)


# --- deciding ideas --------------------------------------------------------------------------------------------


def test_only_the_manager_may_decide_and_only_while_an_idea_waits(db, people, loop):
    ideas = [
        Idea(loop_id=loop.id, author_id=people.owner.id, proposal=f"Idea {s}", status=s)
        for s in ("pending", "accepted", "declined", "withdrawn")
    ]
    db.add_all(ideas)
    db.commit()
    assert [(i.status, i.can_decide) for i in asks.list_ideas(db, people.manager, loop.id)] == [
        ("pending", True),
        ("accepted", False),
        ("declined", False),
        ("withdrawn", False),
    ]
    for who in ("owner", "mentor"):
        assert not any(i.can_decide for i in asks.list_ideas(db, getattr(people, who), loop.id))
    loop.closed_at = NOW
    db.add(loop)
    db.commit()
    assert not any(i.can_decide for i in asks.list_ideas(db, people.manager, loop.id))


def test_a_decided_idea_tells_its_author(db, people, loop):
    idea = Idea(loop_id=loop.id, author_id=people.owner.id, proposal="Run a culture pulse")
    db.add(idea)
    db.commit()
    asks.decide_idea(
        db,
        people.manager,
        idea.id,
        {**opened(db, Idea, idea.id), "decision": "decline", "decline_reason": "Not now"},
        TODAY,
    )
    db.flush()
    assert db.exec(select(Notification.message).where(Notification.recipient_id == people.owner.id)).all() == [
        "Max Manager declined your idea: Run a culture pulse"
    ]
    assert count(db, Notification) == (1,)
