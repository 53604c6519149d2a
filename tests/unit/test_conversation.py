"""The loop as a two-way conversation: whatever the professional delivers, records,
suggests or replies reaches their manager's inbox, and whatever the manager does
reaches the professional's — never the person who acted, and never anyone who has
no part in the loop (a mentor, a former manager, a colleague)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from magicloop.models import Idea, ManagerAsk, Notification, Recommendation
from magicloop.services import asks, delivery, growth, tracking
from tests.clock import NOON
from tests.support import opened

pytestmark = pytest.mark.usefixtures("at_noon")
TODAY = NOON.date()  # reporting lines are checked against the real clock
DONE = {"status": "done", "percent": "100", "outcome": "Backlog cleared, 240 surveys closed"}


def inbox(db, user) -> list[str]:
    db.flush()
    return list(
        db.exec(
            select(Notification.message).where(Notification.recipient_id == user.id).order_by(Notification.id)
        ).all()
    )


def bystanders_hear_nothing(db, people) -> bool:
    others = (people.mentor, people.former, people.stranger, people.revoked_mentor, people.expired_mentor)
    return all(inbox(db, person) == [] for person in others)


def test_an_ask_the_professional_logged_herself_and_delivered_reaches_her_manager(db, people, loop):
    ask = tracking.log_item(
        db, people.owner, "ask", loop.id, {"what": "Clean up the survey backlog", "priority": "high"}, TODAY
    )
    delivery.record_progress(db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), **DONE})
    assert inbox(db, people.manager) == [
        "Ada Owner wrote down your ask: Clean up the survey backlog",
        "Ada Owner delivered “Clean up the survey backlog”: Backlog cleared, 240 surveys closed",
    ]
    assert inbox(db, people.owner) == []
    assert bystanders_hear_nothing(db, people)


def test_a_delivery_is_told_once_not_on_every_later_update(db, people, loop):
    ask = tracking.log_item(
        db, people.manager, "ask", loop.id, {"what": "Draft the CSAT deck", "priority": "low"}, TODAY
    )
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "in_progress", "percent": "50"}
    )
    delivery.record_progress(db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), **DONE})
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), **DONE, "note": "Added the appendix"}
    )
    assert inbox(db, people.manager) == ["Ada Owner delivered “Draft the CSAT deck”: " + DONE["outcome"]]


def test_a_recommendation_she_wrote_down_herself_reaches_the_manager_when_delivered_and_answered(db, people, loop):
    rec = tracking.log_item(db, people.owner, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY)
    delivery.record_progress(
        db, people.owner, "recommendation", rec, {**opened(db, Recommendation, rec), **DONE, "outcome": "Presented"}
    )
    growth.reply_to_recommendation(
        db, people.owner, rec, {**opened(db, Recommendation, rec), "closing_reply": "Presented, slides shared"}
    )
    assert inbox(db, people.manager) == [
        "Ada Owner wrote down your recommendation: Present at the CX forum",
        "Ada Owner delivered “Present at the CX forum”: Presented",
        "Ada Owner closed the loop on “Present at the CX forum”: Presented, slides shared",
    ]
    assert inbox(db, people.owner) == [] and bystanders_hear_nothing(db, people)


def test_the_manager_hears_a_reply_to_a_recommendation_they_made(db, people, loop):
    rec = tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Shadow sales calls"}, TODAY)
    growth.reply_to_recommendation(
        db, people.owner, rec, {**opened(db, Recommendation, rec), "closing_reply": "Shadowed five calls"}
    )
    assert inbox(db, people.manager) == ["Ada Owner closed the loop on “Shadow sales calls”: Shadowed five calls"]


@pytest.mark.parametrize("who, other", [("owner", "manager"), ("manager", "owner")])
def test_a_growth_conversation_recorded_by_either_side_reaches_the_other(db, people, loop, who, other):
    actor = getattr(people, who)
    growth.record_conversation(db, actor, loop.id, {"goal_restated": "Lead VoC", "gaps": "Business cases"}, TODAY)
    assert inbox(db, getattr(people, other)) == [
        f"{actor.display_name} recorded the gaps and feedback from the growth conversation of {TODAY.isoformat()}"
    ]
    assert inbox(db, actor) == [] and bystanders_hear_nothing(db, people)


def test_an_idea_reaches_the_manager_and_the_decision_reaches_the_professional(db, people, loop):
    people.owner.advanced_mode = True
    idea = asks.suggest_idea(db, people.owner, loop.id, {"proposal": "I could run a culture pulse"}, TODAY)
    assert inbox(db, people.manager) == ["Ada Owner suggested an idea: I could run a culture pulse"]
    asks.decide_idea(db, people.manager, idea, {**opened(db, Idea, idea), "decision": "accept"}, TODAY)
    assert inbox(db, people.owner) == ["Max Manager accepted your idea: I could run a culture pulse"]
    assert bystanders_hear_nothing(db, people)


def test_without_a_manager_the_professional_acts_and_nobody_is_told(make, db, people):
    org_loop = make.loop(people.stranger)
    ask = tracking.log_item(
        db, people.stranger, "ask", org_loop.id, {"what": "Tidy the macros", "priority": "low"}, TODAY
    )
    delivery.record_progress(db, people.stranger, "ask", ask, {**opened(db, ManagerAsk, ask), **DONE})
    growth.record_conversation(db, people.stranger, org_loop.id, {"goal_restated": "Grow", "gaps": "Data"}, TODAY)
    assert db.exec(select(Notification)).all() == []
