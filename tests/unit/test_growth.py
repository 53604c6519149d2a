"""Stages 4 and 5: the growth conversation, recommendations tracked like asks, and the
closing reply that closes the loop (and leaves the dashboard's open feedback)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from magicloop.models import COEReview, GrowthConversation, Recommendation, TimelineEvent
from magicloop.services import coe, dashboard, delivery, growth, tracking
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from tests.support import BAD_IDS, count, opened

TODAY = dt.date(2026, 11, 22)
TALK = {
    "goal_restated": "Lead our VoC programme by Q3",
    "gaps": "Business cases; exec presence",
    "feedback": "Great customer empathy",
    "held_on": "yesterday",
}


def recs(db, actor, loop_id):
    return {r.id: r for r in tracking.list_items(db, actor, "recommendation", loop_id, TODAY)}


# --- the growth conversation -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "manager"])
def test_owner_or_manager_records_the_growth_conversation(db, people, loop, who):
    actor = getattr(people, who)
    growth.record_conversation(db, actor, loop.id, TALK, TODAY)
    growth.record_conversation(db, actor, loop.id, {"goal_restated": "Lead VoC", "feedback": "Speak up more"}, TODAY)
    rows = growth.list_conversations(db, people.mentor, loop.id)
    assert [(c.held_on, c.gaps, c.feedback, c.recorded_by, c.can_edit) for c in rows] == [
        ("2026-11-22", "", "Speak up more", actor.display_name, False),
        ("2026-11-21", "Business cases; exec presence", "Great customer empathy", actor.display_name, False),
    ]
    assert all(c.can_edit for c in growth.list_conversations(db, actor, loop.id))
    assert (
        db.exec(
            select(TimelineEvent.summary).where(TimelineEvent.kind == "feedback").order_by(TimelineEvent.id)
        ).first()
        == "Growth conversation recorded (2026-11-21)"
    )


@pytest.mark.parametrize("who", ["mentor", "stranger", "admin"])
def test_others_cannot_record_a_growth_conversation(db, people, loop, who):
    with pytest.raises(Forbidden):
        growth.record_conversation(db, getattr(people, who), loop.id, TALK, TODAY)
    assert count(db, GrowthConversation) == (0,)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"gaps": "", "feedback": ""}, "gaps"),
        ({"gaps": "  ", "feedback": None}, "gaps"),
        ({"gaps": "x" * 4001}, "gaps"),
        ({"gaps": ["gap"]}, "gaps"),
        ({"feedback": "x" * 4001}, "feedback"),
        ({"feedback": {"a": 1}}, "feedback"),
        ({"held_on": "tomorrow"}, "held_on"),
        ({"held_on": "2027-01-01"}, "held_on"),
        ({"held_on": "the other day"}, "held_on"),
        ({"held_on": ["2026-11-20"]}, "held_on"),
        ({"goal_restated": "x" * 2001}, "goal_restated"),
    ],
)
def test_a_bad_growth_conversation_is_refused(db, people, loop, change, field):
    with pytest.raises(InvalidInput) as refused:
        growth.record_conversation(db, people.owner, loop.id, {**TALK, **change}, TODAY)
    assert field in refused.value.field_errors
    assert count(db, GrowthConversation, TimelineEvent) == (0, 0)


def test_only_the_recorder_deletes_a_conversation_and_its_recommendations_stay(db, people, loop):
    talk = growth.record_conversation(db, people.manager, loop.id, TALK, TODAY)
    rec = tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY)
    assert db.get(Recommendation, rec).conversation_id == talk
    with pytest.raises(Forbidden):
        growth.delete_conversation(db, people.owner, talk)
    growth.delete_conversation(db, people.manager, talk)
    assert count(db, GrowthConversation, Recommendation) == (0, 1)
    assert db.get(Recommendation, rec).conversation_id is None


# --- recommendations -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "manager"])
def test_owner_or_manager_records_a_recommendation(db, people, loop, who):
    actor = getattr(people, who)
    rec = tracking.log_item(
        db,
        actor,
        "recommendation",
        loop.id,
        {"what": "Present at the CX forum", "why": "Visibility with execs", "due_on": "in 3 weeks"},
        TODAY,
    )
    r = recs(db, people.owner, loop.id)[rec]
    assert (r.kind, r.what, r.why, r.due_on, r.status, r.replied, r.logged_by) == (
        "recommendation",
        "Present at the CX forum",
        "Visibility with execs",
        "2026-12-13",
        "not_started",
        False,
        actor.display_name,
    )
    assert (r.can_update, r.can_edit) == (True, who == "owner")


@pytest.mark.parametrize("who", ["mentor", "stranger", "admin"])
def test_others_cannot_record_a_recommendation(db, people, loop, who):
    with pytest.raises(Forbidden):
        tracking.log_item(db, getattr(people, who), "recommendation", loop.id, {"what": "Do more"}, TODAY)
    assert count(db, Recommendation) == (0,)


@pytest.mark.parametrize(
    "data, field",
    [
        ({"what": ""}, "what"),
        ({"what": "x" * 501}, "what"),
        ({"what": ["x"]}, "what"),
        ({}, "what"),
        ({"what": "Present", "why": "x" * 2001}, "why"),
        ({"what": "Present", "due_on": "yesterday"}, "due_on"),
        ({"what": "Present", "due_on": "soonish"}, "due_on"),
        ({"what": "Present", "due_on": ["2027-01-01"]}, "due_on"),
    ],
)
def test_a_bad_recommendation_is_refused(db, people, loop, data, field):
    with pytest.raises(InvalidInput) as refused:
        tracking.log_item(db, people.manager, "recommendation", loop.id, data, TODAY)
    assert field in refused.value.field_errors
    assert count(db, Recommendation, TimelineEvent) == (0, 0)


def test_a_recommendation_is_tracked_like_an_ask(db, people, loop):
    rec = tracking.log_item(
        db, people.manager, "recommendation", loop.id, {"what": "Shadow sales calls", "due_on": "tomorrow"}, TODAY
    )
    with pytest.raises(Forbidden):
        delivery.record_progress(
            db,
            people.manager,
            "recommendation",
            rec,
            {**opened(db, Recommendation, rec), "status": "in_progress", "percent": "5"},
        )
    delivery.record_progress(
        db,
        people.owner,
        "recommendation",
        rec,
        {
            **opened(db, Recommendation, rec),
            "status": "blocked",
            "percent": "20",
            "evidence_links": "https://crm.acme.test/x",
        },
    )
    coe.save_coe_review(
        db,
        people.owner,
        "recommendation",
        rec,
        {**opened(db, COEReview, subject_kind="recommendation", subject_id=rec), "what_happened": "No calls booked"},
        TODAY,
    )
    late = {
        r.id: r for r in tracking.list_items(db, people.owner, "recommendation", loop.id, TODAY + dt.timedelta(days=2))
    }[rec]
    assert (late.status_label, late.percent, late.overdue, late.has_coe) == ("Blocked", 20, True, True)
    delivery.record_progress(
        db,
        people.owner,
        "recommendation",
        rec,
        {**opened(db, Recommendation, rec), "status": "done", "percent": "50", "outcome": "Shadowed five calls"},
    )
    assert (recs(db, people.owner, loop.id)[rec].percent, recs(db, people.owner, loop.id)[rec].outcome) == (
        100,
        "Shadowed five calls",
    )


def test_the_closing_reply_closes_the_loop(db, people, loop):
    rec = tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY)
    tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Read Outside In"}, TODAY)
    assert dashboard.home(db, people.owner, TODAY).open_feedback == 2
    growth.reply_to_recommendation(
        db, people.owner, rec, {**opened(db, Recommendation, rec), "closing_reply": "Presented on 3 Dec; slides shared"}
    )
    r = recs(db, people.manager, loop.id)[rec]
    assert (r.replied, r.closing_reply) == (True, "Presented on 3 Dec; slides shared")
    assert dashboard.home(db, people.owner, TODAY).open_feedback == 1
    growth.reply_to_recommendation(
        db, people.owner, rec, {**opened(db, Recommendation, rec), "closing_reply": "Presented; got two follow-ups"}
    )
    assert db.exec(
        select(TimelineEvent.summary).where(TimelineEvent.kind == "reply").order_by(TimelineEvent.id)
    ).all() == ["Closed the loop on: Present at the CX forum", "Updated the reply on: Present at the CX forum"]
    assert dashboard.home(db, people.owner, TODAY).open_feedback == 1


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger"])
def test_only_the_owner_replies(db, people, loop, who):
    rec = tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY)
    with pytest.raises(Forbidden):
        growth.reply_to_recommendation(
            db, getattr(people, who), rec, {**opened(db, Recommendation, rec), "closing_reply": "Done"}
        )
    assert db.get(Recommendation, rec).replied_at is None


@pytest.mark.parametrize("reply", ["", "   ", None, "x" * 2001, ["Done"], {"a": "b"}, 1])
def test_a_bad_reply_is_refused(db, people, loop, reply):
    rec = tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY)
    with pytest.raises(InvalidInput) as refused:
        growth.reply_to_recommendation(
            db, people.owner, rec, {**opened(db, Recommendation, rec), "closing_reply": reply}
        )
    assert "closing_reply" in refused.value.field_errors
    assert (db.get(Recommendation, rec).replied_at, db.get(Recommendation, rec).closing_reply) == (None, "")


@pytest.mark.parametrize("author, other", [("manager", "owner"), ("owner", "manager"), ("owner", "mentor")])
def test_only_the_author_deletes_a_recommendation(db, people, loop, author, other):
    rec = tracking.log_item(
        db, getattr(people, author), "recommendation", loop.id, {"what": "Present at the forum"}, TODAY
    )
    with pytest.raises(Forbidden):
        tracking.delete_item(db, getattr(people, other), "recommendation", rec)
    tracking.delete_item(db, getattr(people, author), "recommendation", rec)
    assert count(db, Recommendation) == (0,)
    assert (
        db.exec(select(TimelineEvent.summary).where(TimelineEvent.kind == "deleted")).one()
        == "Deleted a recommendation"
    )


@pytest.mark.parametrize("bad", BAD_IDS)
def test_growth_with_bad_ids_is_not_found(db, people, loop, bad):
    rec = tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Present at the forum"}, TODAY)
    before = count(db, GrowthConversation, Recommendation, TimelineEvent)
    for attempt in (
        lambda: growth.record_conversation(db, people.owner, bad, TALK, TODAY),
        lambda: growth.list_conversations(db, people.owner, bad),
        lambda: tracking.log_item(db, people.owner, "recommendation", bad, {"what": "x"}, TODAY),
        lambda: tracking.list_items(db, people.owner, "recommendation", bad, TODAY),
        lambda: growth.reply_to_recommendation(
            db, people.owner, bad, {**opened(db, Recommendation, bad), "closing_reply": "Done"}
        ),
        lambda: tracking.delete_item(db, people.manager, "recommendation", bad),
        lambda: growth.delete_conversation(db, people.manager, bad),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert count(db, GrowthConversation, Recommendation, TimelineEvent) == before
    assert db.get(Recommendation, rec).replied_at is None
