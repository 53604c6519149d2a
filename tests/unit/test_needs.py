"""A manager's "Needs you": deliveries to acknowledge, ideas to decide, recommendations owed after a
growth conversation and missed check-ins — each a link to the exact item, gone once done."""

from __future__ import annotations

import datetime as dt

import pytest

from magicloop.models import Idea, ManagerAsk, Stage, TimelineEvent
from magicloop.services import asks, dashboard, delivery, growth, team, tracking
from magicloop.services import needs as needs_module
from tests.clock import NOON
from tests.support import opened

pytestmark = pytest.mark.usefixtures("at_noon")
NOW = NOON
TODAY = NOW.date()  # reporting lines are checked against the real clock


def needs(db, actor) -> list[tuple[str, str, str]]:
    return [(n.kind, n.text, n.link) for n in dashboard.home(db, actor, TODAY).needs]


def deliver(db, people, ask: int) -> None:
    done = {"status": "done", "percent": "100", "outcome": "Shipped"}
    delivery.record_progress(db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), **done})


def test_a_delivered_ask_waits_for_acknowledgement_then_leaves(db, people, loop):
    ask = tracking.log_item(db, people.manager, "ask", loop.id, {"what": "Own the CSAT read-out"}, TODAY)
    assert needs(db, people.manager) == []
    deliver(db, people, ask)
    db.flush()
    assert needs(db, people.manager) == [
        (
            "acknowledge",
            "Acknowledge Ada's delivery: Own the CSAT read-out",
            f"/loop?id={loop.id}&stage=3&item=ask-{ask}",
        )
    ]
    assert team.team_overview(db, people.manager, TODAY)[0].to_acknowledge == 1
    delivery.acknowledge_ask(db, people.manager, ask)
    db.flush()
    assert needs(db, people.manager) == []


def test_a_pending_idea_waits_for_a_decision(db, people, loop):
    people.owner.advanced_mode = True
    idea = asks.suggest_idea(db, people.owner, loop.id, {"proposal": "I could run a culture pulse"}, TODAY)
    db.flush()
    assert needs(db, people.manager) == [
        ("decide", "Decide Ada's idea: I could run a culture pulse", f"/loop?id={loop.id}&stage=2&item=idea-{idea}")
    ]
    asks.decide_idea(db, people.manager, idea, {**opened(db, Idea, idea), "decision": "accept"}, TODAY)
    db.flush()
    assert needs(db, people.manager) == []


def test_after_a_growth_conversation_recommendations_are_owed(db, people, loop):
    loop.stage = Stage.GROW
    growth.record_conversation(db, people.owner, loop.id, {"goal_restated": "Lead VoC", "gaps": "Cases"}, TODAY)
    db.flush()
    assert needs(db, people.manager) == [
        ("recommend", "Recommend next steps for Ada after your growth conversation", f"/loop?id={loop.id}&stage=5")
    ]
    assert team.team_overview(db, people.manager, TODAY)[0].recommendations_owed
    tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Draft the churn case"}, TODAY)
    db.flush()
    assert needs(db, people.manager) == []


def test_a_missed_check_in_asks_the_manager_to_check_in(db, people, loop):
    people.owner.checkin_rrule = "FREQ=WEEKLY"
    loop.started_at = NOW - dt.timedelta(weeks=3)
    db.add(
        TimelineEvent(
            owner_id=people.owner.id, loop_id=loop.id, kind="loop", summary="Started", created_at=loop.started_at
        )
    )
    db.flush()
    missed = NOW - dt.timedelta(weeks=1)  # today's check-in is not over yet
    assert needs(db, people.manager) == [
        ("check_in", f"Check in with Ada: nothing since the check-in due {missed:%a %-d %b}", f"/loop?id={loop.id}")
    ]


def test_only_the_current_manager_is_needed(db, people, loop):
    ask = tracking.log_item(db, people.manager, "ask", loop.id, {"what": "Own the CSAT read-out"}, TODAY)
    deliver(db, people, ask)
    db.flush()
    for someone in (people.former, people.mentor, people.stranger, people.owner):
        assert needs(db, someone) == []


def test_what_waits_belongs_to_the_loop_under_way(db, people, loop, make):
    """A closed loop's deliveries wait a month for acknowledgement, its ideas no longer: they can't be decided."""
    people.owner.advanced_mode = True
    old = tracking.log_item(db, people.manager, "ask", loop.id, {"what": "Own the CSAT read-out"}, TODAY)
    recent = tracking.log_item(db, people.manager, "ask", loop.id, {"what": "Run the CES pilot"}, TODAY)
    for ask in (old, recent):
        deliver(db, people, ask)
    asks.suggest_idea(db, people.owner, loop.id, {"proposal": "I could run a culture pulse"}, TODAY)
    db.get(ManagerAsk, old).completed_at = NOW - needs_module.RECENT_DELIVERY - dt.timedelta(days=1)
    db.flush()
    assert [kind for kind, _, _ in needs(db, people.manager)] == ["acknowledge", "acknowledge", "decide"]

    loop.closed_at = NOW - dt.timedelta(days=1)
    make.loop(people.owner, number=2)
    link = f"/loop?id={loop.id}&stage=3&item=ask-{recent}"
    assert needs(db, people.manager) == [("acknowledge", "Acknowledge Ada's delivery: Run the CES pilot", link)]
    assert team.team_overview(db, people.manager, TODAY)[0].to_acknowledge == 1
