"""Stages 2 and 3: the manager's asks, ideas in advanced mode, and tracking each ask
(status, percent, evidence, outcome, overdue marking, Correction of Error reviews)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from magicloop.models import COEReview, Idea, ManagerAsk, ProgressUpdate, TimelineEvent
from magicloop.services import asks, coe, delivery, tracking
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from tests.support import BAD_IDS, count, opened

TODAY = dt.date(2026, 11, 22)  # a Sunday
LATER = TODAY + dt.timedelta(days=30)
ASK = {
    "what": "Clean up the survey backlog",
    "why": "Leadership review on Friday",
    "priority": "high",
    "due_on": "in 2 weeks",
    "asked_on": "yesterday",
}


@pytest.fixture
def ask(db, people, loop):
    return tracking.log_item(db, people.owner, "ask", loop.id, ASK, TODAY)


def row(db, actor, loop_id, ask_id, today=TODAY):
    return {r.id: r for r in tracking.list_items(db, actor, "ask", loop_id, today)}[ask_id]


# --- logging asks ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "manager"])
def test_owner_or_manager_logs_an_ask(db, people, loop, who):
    actor = getattr(people, who)
    ask_id = tracking.log_item(db, actor, "ask", loop.id, ASK, TODAY)
    r = row(db, people.owner, loop.id, ask_id)
    assert (r.what, r.why, r.priority, r.due_on, r.logged_on, r.status, r.percent) == (
        "Clean up the survey backlog",
        "Leadership review on Friday",
        "high",
        "2026-12-06",
        "2026-11-21",
        "not_started",
        0,
    )
    assert (r.logged_by, r.can_edit, r.can_update, r.overdue) == (actor.display_name, who == "owner", True, False)
    assert row(db, people.manager, loop.id, ask_id).can_edit is (who == "manager")
    event = db.exec(select(TimelineEvent).where(TimelineEvent.kind == "ask")).one()
    assert (event.summary, event.actor_id, event.owner_id) == (
        "Ask logged: Clean up the survey backlog",
        actor.id,
        people.owner.id,
    )


def test_an_ask_without_dates_is_asked_today_with_no_due_date(db, people, loop):
    ask_id = tracking.log_item(
        db, people.owner, "ask", loop.id, {"what": "Take the Monday triage", "priority": "low"}, TODAY
    )
    r = row(db, people.owner, loop.id, ask_id)
    assert (r.logged_on, r.due_on, r.due_text, r.why) == ("2026-11-22", "", "No due date", "")


def test_an_ask_without_a_priority_is_medium(db, people, loop):
    ask_id = tracking.log_item(db, people.owner, "ask", loop.id, {"what": "Take the Monday triage"}, TODAY)
    assert row(db, people.owner, loop.id, ask_id).priority == "medium"


@pytest.mark.parametrize("who", ["mentor", "stranger", "former", "admin", "outsider"])
def test_others_cannot_log_an_ask(db, people, loop, who):
    with pytest.raises(Forbidden):
        tracking.log_item(db, getattr(people, who), "ask", loop.id, ASK, TODAY)
    assert count(db, ManagerAsk, TimelineEvent) == (0, 0)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"what": ""}, "what"),
        ({"what": None}, "what"),
        ({"what": "x" * 501}, "what"),
        ({"what": ["Clean up"]}, "what"),
        ({"what": {"text": "Clean up"}}, "what"),
        ({"why": "x" * 2001}, "why"),
        ({"why": 5}, "why"),
        ({"due_on": "yesterday"}, "due_on"),
        ({"due_on": "2026-01-01"}, "due_on"),
        ({"due_on": "whenever"}, "due_on"),
        ({"due_on": ["2027-01-01"]}, "due_on"),
        ({"due_on": "in 99999 years"}, "due_on"),
        ({"asked_on": "tomorrow"}, "asked_on"),
        ({"asked_on": "a while back"}, "asked_on"),
        ({"asked_on": 20261121}, "asked_on"),
        ({"priority": "urgent"}, "priority"),
        ({"priority": "HIGH"}, "priority"),
        ({"priority": 3}, "priority"),
        ({"priority": ["high"]}, "priority"),
    ],
)
def test_bad_asks_are_refused_and_nothing_is_logged(db, people, loop, change, field):
    with pytest.raises(InvalidInput) as refused:
        tracking.log_item(db, people.owner, "ask", loop.id, {**ASK, **change}, TODAY)
    assert field in refused.value.field_errors
    assert count(db, ManagerAsk, TimelineEvent) == (0, 0)


@pytest.mark.parametrize("data", [None, [], ["what"], "Clean up the backlog"])
def test_an_ask_from_a_non_form_asks_for_what(db, people, loop, data):
    with pytest.raises(InvalidInput) as refused:
        tracking.log_item(db, people.owner, "ask", loop.id, data, TODAY)
    assert "what" in refused.value.field_errors
    assert count(db, ManagerAsk) == (0,)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_asks_with_bad_ids_are_not_found(db, people, loop, ask, bad):
    before = count(db, ManagerAsk, TimelineEvent, ProgressUpdate)
    for attempt in (
        lambda: tracking.log_item(db, people.owner, "ask", bad, ASK, TODAY),
        lambda: tracking.list_items(db, people.owner, "ask", bad, TODAY),
        lambda: tracking.edit_item(db, people.owner, "ask", bad, ASK, TODAY),
        lambda: tracking.delete_item(db, people.owner, "ask", bad),
        lambda: delivery.record_progress(
            db, people.owner, "ask", bad, {**opened(db, ManagerAsk, bad), "status": "in_progress", "percent": "10"}
        ),
        lambda: delivery.progress_history(db, people.owner, "ask", bad),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert count(db, ManagerAsk, TimelineEvent, ProgressUpdate) == before


# --- editing and deleting ----------------------------------------------------------------------------------------


def test_the_author_edits_an_ask(db, people, loop, ask):
    tracking.edit_item(
        db,
        people.owner,
        "ask",
        ask,
        {**opened(db, ManagerAsk, ask), "what": "Clear the whole backlog", "priority": "low", "due_on": "2027-01-15"},
        TODAY,
    )
    r = row(db, people.owner, loop.id, ask)
    assert (r.what, r.priority, r.due_on, r.why) == ("Clear the whole backlog", "low", "2027-01-15", "")
    assert (
        db.exec(select(TimelineEvent.summary).order_by(TimelineEvent.id.desc())).first()
        == "Ask edited: Clear the whole backlog"
    )


def test_an_unchanged_due_date_that_has_passed_may_be_kept_when_editing(db, people, loop, ask):
    due = db.get(ManagerAsk, ask).due_on.isoformat()
    tracking.edit_item(
        db,
        people.owner,
        "ask",
        ask,
        {**opened(db, ManagerAsk, ask), **ASK, "what": "Backlog, part two", "due_on": due},
        LATER,
    )
    assert (db.get(ManagerAsk, ask).what, db.get(ManagerAsk, ask).due_on.isoformat()) == ("Backlog, part two", due)
    with pytest.raises(InvalidInput) as refused:
        tracking.edit_item(
            db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), **ASK, "due_on": "2026-12-01"}, LATER
        )
    assert "due_on" in refused.value.field_errors


@pytest.mark.parametrize("change", [{"what": ""}, {"priority": "urgent"}, {"due_on": "yesterday"}])
def test_a_bad_edit_changes_nothing(db, people, loop, ask, change):
    before = count(db, TimelineEvent)
    with pytest.raises(InvalidInput):
        tracking.edit_item(
            db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), **ASK, "what": "Changed", **change}, TODAY
        )
    saved = db.get(ManagerAsk, ask)
    assert (saved.what, saved.priority, saved.due_on) == ("Clean up the survey backlog", "high", dt.date(2026, 12, 6))
    assert count(db, TimelineEvent) == before


@pytest.mark.parametrize(
    "author, other",
    [("owner", "manager"), ("manager", "owner"), ("owner", "mentor"), ("owner", "stranger"), ("manager", "former")],
)
def test_only_the_author_edits_or_deletes_an_ask(db, people, loop, author, other):
    ask_id = tracking.log_item(db, getattr(people, author), "ask", loop.id, ASK, TODAY)
    for attempt in (
        lambda: tracking.edit_item(
            db,
            getattr(people, other),
            "ask",
            ask_id,
            {**opened(db, ManagerAsk, ask_id), **ASK, "what": "Hijacked"},
            TODAY,
        ),
        lambda: tracking.delete_item(db, getattr(people, other), "ask", ask_id),
    ):
        with pytest.raises(Forbidden):
            attempt()
    assert db.get(ManagerAsk, ask_id).what == "Clean up the survey backlog"


def test_deleting_an_ask_removes_its_progress_and_review_and_keeps_a_deleted_event(db, people, loop, ask):
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "blocked", "percent": "20"}
    )
    coe.save_coe_review(
        db,
        people.owner,
        "ask",
        ask,
        {**opened(db, COEReview, subject_kind="ask", subject_id=ask), "what_happened": "Survey tool down"},
        TODAY,
    )
    tracking.delete_item(db, people.owner, "ask", ask)
    db.flush()
    assert count(db, ManagerAsk, ProgressUpdate, COEReview) == (0, 0, 0)
    assert tracking.list_items(db, people.owner, "ask", loop.id, TODAY) == []
    deleted = db.exec(select(TimelineEvent).where(TimelineEvent.kind == "deleted")).one()
    assert deleted.summary == "Deleted an ask" and deleted.subject_id is None


def test_a_deleted_ask_leaves_its_text_in_no_timeline_event(db, people, loop, ask):
    tracking.delete_item(db, people.owner, "ask", ask)
    assert [e.summary for e in db.exec(select(TimelineEvent)) if "survey backlog" in e.summary] == []


# --- ideas (advanced mode) -------------------------------------------------------------------------------------

IDEA = {"proposal": "I could run a customer-centric culture pulse with the team — would that help?"}


@pytest.fixture
def idea(db, people, loop):
    people.owner.advanced_mode = True
    db.add(people.owner)
    return asks.suggest_idea(db, people.owner, loop.id, IDEA, TODAY)


def test_ideas_need_advanced_mode(db, people, loop):
    with pytest.raises(Forbidden):
        asks.suggest_idea(db, people.owner, loop.id, IDEA, TODAY)
    assert count(db, Idea) == (0,)


def test_a_suggested_idea_waits_for_the_manager(db, people, loop, idea):
    [mine] = asks.list_ideas(db, people.owner, loop.id)
    assert (mine.proposal, mine.status, mine.can_withdraw, mine.decline_reason) == (
        IDEA["proposal"],
        "pending",
        True,
        "",
    )
    assert asks.list_ideas(db, people.manager, loop.id)[0].can_withdraw is False


@pytest.mark.parametrize("proposal", ["", "  ", None, "x" * 2001, ["idea"], 7])
def test_a_bad_idea_is_refused(db, people, loop, proposal):
    people.owner.advanced_mode = True
    with pytest.raises(InvalidInput) as refused:
        asks.suggest_idea(db, people.owner, loop.id, {"proposal": proposal}, TODAY)
    assert "proposal" in refused.value.field_errors
    assert count(db, Idea) == (0,)


def test_the_manager_accepts_an_idea_and_it_becomes_an_ask(db, people, loop, idea):
    asks.decide_idea(
        db, people.manager, idea, {**opened(db, Idea, idea), "decision": "accept", "due_on": "in 3 weeks"}, TODAY
    )
    assert asks.list_ideas(db, people.owner, loop.id)[0].status == "accepted"
    new_ask = db.exec(select(ManagerAsk).where(ManagerAsk.idea_id == idea)).one()
    assert (new_ask.logged_by_id, new_ask.due_on, new_ask.what) == (
        people.manager.id,
        dt.date(2026, 12, 13),
        IDEA["proposal"],
    )
    assert [r.what for r in tracking.list_items(db, people.owner, "ask", loop.id, TODAY)] == [IDEA["proposal"]]


def test_the_manager_declines_an_idea_with_a_reason(db, people, loop, idea):
    with pytest.raises(InvalidInput) as refused:
        asks.decide_idea(
            db, people.manager, idea, {**opened(db, Idea, idea), "decision": "decline", "decline_reason": " "}, TODAY
        )
    assert "decline_reason" in refused.value.field_errors and db.get(Idea, idea).status == "pending"
    asks.decide_idea(
        db,
        people.manager,
        idea,
        {**opened(db, Idea, idea), "decision": "decline", "decline_reason": "Not this quarter"},
        TODAY,
    )
    [seen] = asks.list_ideas(db, people.owner, loop.id)
    assert (seen.status, seen.decline_reason, seen.can_withdraw) == ("declined", "Not this quarter", False)
    assert count(db, ManagerAsk) == (0,)


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "decision"),
        ({"decision": "maybe"}, "decision"),
        ({"decision": True}, "decision"),
        ({"decision": ["accept"]}, "decision"),
        ({"decision": "accept", "due_on": "yesterday"}, "due_on"),
        ({"decision": "decline", "decline_reason": "x" * 2001}, "decline_reason"),
        ({"decision": "decline", "decline_reason": ["no"]}, "decline_reason"),
    ],
)
def test_a_bad_decision_is_refused(db, people, loop, idea, data, field):
    with pytest.raises(InvalidInput) as refused:
        asks.decide_idea(db, people.manager, idea, data, TODAY)
    assert field in refused.value.field_errors
    assert db.get(Idea, idea).status == "pending" and count(db, ManagerAsk) == (0,)


@pytest.mark.parametrize("who", ["owner", "mentor", "stranger", "former"])
def test_only_the_manager_decides_an_idea(db, people, loop, idea, who):
    with pytest.raises(Forbidden):
        asks.decide_idea(db, getattr(people, who), idea, {**opened(db, Idea, idea), "decision": "accept"}, TODAY)
    assert db.get(Idea, idea).status == "pending" and count(db, ManagerAsk) == (0,)


def test_a_decided_idea_cannot_be_decided_again_or_withdrawn(db, people, loop, idea):
    asks.decide_idea(db, people.manager, idea, {**opened(db, Idea, idea), "decision": "accept"}, TODAY)
    with pytest.raises(Forbidden):
        asks.decide_idea(
            db,
            people.manager,
            idea,
            {**opened(db, Idea, idea), "decision": "decline", "decline_reason": "Changed mind"},
            TODAY,
        )
    with pytest.raises(Forbidden):
        asks.withdraw_idea(db, people.owner, idea)
    assert db.get(Idea, idea).status == "accepted" and count(db, ManagerAsk) == (1,)


def test_the_owner_withdraws_a_pending_idea(db, people, loop, idea):
    with pytest.raises(Forbidden):
        asks.withdraw_idea(db, people.manager, idea)
    asks.withdraw_idea(db, people.owner, idea)
    assert asks.list_ideas(db, people.owner, loop.id)[0].status == "withdrawn"
    with pytest.raises(Forbidden):
        asks.decide_idea(db, people.manager, idea, {**opened(db, Idea, idea), "decision": "accept"}, TODAY)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ideas_with_bad_ids_are_not_found(db, people, loop, idea, bad):
    for attempt in (
        lambda: asks.withdraw_idea(db, people.owner, bad),
        lambda: asks.decide_idea(db, people.manager, bad, {**opened(db, Idea, bad), "decision": "accept"}, TODAY),
        lambda: asks.suggest_idea(db, people.owner, bad, IDEA, TODAY),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert db.get(Idea, idea).status == "pending" and count(db, Idea, ManagerAsk) == (1, 0)


# --- tracking an ask -------------------------------------------------------------------------------------------

LINKS = "https://docs.acme.test/backlog-plan\n\n  http://wiki.acme.test/survey  "


def test_the_owner_records_progress_with_evidence(db, people, loop, ask):
    delivery.record_progress(
        db,
        people.owner,
        "ask",
        ask,
        {
            **opened(db, ManagerAsk, ask),
            "status": "in_progress",
            "percent": "40",
            "note": "Half the queue triaged",
            "evidence_links": LINKS,
        },
    )
    r = row(db, people.manager, loop.id, ask)
    assert (r.status, r.status_label, r.percent, r.outcome) == ("in_progress", "In progress", 40, "")
    update = db.exec(select(ProgressUpdate)).one()
    assert update.evidence_links == "https://docs.acme.test/backlog-plan\nhttp://wiki.acme.test/survey"
    assert (
        db.exec(select(TimelineEvent.summary).where(TimelineEvent.kind == "progress")).one()
        == "Progress (40%, in progress): Clean up the survey backlog"
    )


def test_done_needs_an_outcome_and_completes_the_ask(db, people, loop, ask):
    with pytest.raises(InvalidInput) as refused:
        delivery.record_progress(
            db,
            people.owner,
            "ask",
            ask,
            {**opened(db, ManagerAsk, ask), "status": "done", "percent": "90", "outcome": " "},
        )
    assert "outcome" in refused.value.field_errors and db.get(ManagerAsk, ask).status == "not_started"
    delivery.record_progress(
        db,
        people.owner,
        "ask",
        ask,
        {**opened(db, ManagerAsk, ask), "status": "done", "percent": "90", "outcome": "Backlog cleared, report sent"},
    )
    r = row(db, people.owner, loop.id, ask, LATER)
    assert (r.status, r.percent, r.outcome, r.overdue) == ("done", 100, "Backlog cleared, report sent", False)
    assert db.get(ManagerAsk, ask).completed_at is not None
    assert (
        db.exec(select(TimelineEvent.summary).where(TimelineEvent.kind == "delivery")).one()
        == "Delivered: Clean up the survey backlog"
    )
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "in_progress", "percent": "80"}
    )
    assert (db.get(ManagerAsk, ask).completed_at, db.get(ManagerAsk, ask).status) == (None, "in_progress")


def test_an_open_ask_past_its_due_date_is_marked_overdue(db, people, loop, ask):
    assert row(db, people.owner, loop.id, ask).overdue is False
    assert row(db, people.owner, loop.id, ask, dt.date(2026, 12, 6)).overdue is False
    late = row(db, people.owner, loop.id, ask, dt.date(2026, 12, 7))
    assert (late.overdue, late.due_text, late.coe_allowed) == (True, "Sun 6 Dec 2026 (yesterday)", True)


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger", "former"])
def test_only_the_owner_records_progress(db, people, loop, ask, who):
    with pytest.raises(Forbidden):
        delivery.record_progress(
            db,
            getattr(people, who),
            "ask",
            ask,
            {**opened(db, ManagerAsk, ask), "status": "in_progress", "percent": "10"},
        )
    assert count(db, ProgressUpdate) == (0,) and db.get(ManagerAsk, ask).status == "not_started"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"status": "finished"}, "status"),
        ({"status": None}, "status"),
        ({"status": ["done"]}, "status"),
        ({"percent": "101"}, "percent"),
        ({"percent": -1}, "percent"),
        ({"percent": "half"}, "percent"),
        ({"percent": None}, "percent"),
        ({"percent": [50]}, "percent"),
        ({"note": "x" * 4001}, "note"),
        ({"note": ["note"]}, "note"),
        ({"evidence_links": "javascript:alert(1)"}, "evidence_links"),
        ({"evidence_links": "ftp://files.acme.test/plan"}, "evidence_links"),
        ({"evidence_links": "docs.acme.test/plan"}, "evidence_links"),
        ({"evidence_links": "https://a.test/one https://a.test/two"}, "evidence_links"),
        ({"evidence_links": 'https://a.test/"><script>'}, "evidence_links"),
        ({"evidence_links": "\n".join(f"https://a.test/{n}" for n in range(11))}, "evidence_links"),
        ({"evidence_links": ["https://a.test/"]}, "evidence_links"),
        ({"status": "done", "outcome": ""}, "outcome"),
        ({"status": "done", "outcome": "x" * 2001}, "outcome"),
    ],
)
def test_bad_progress_is_refused_and_changes_nothing(db, people, loop, ask, change, field):
    with pytest.raises(InvalidInput) as refused:
        delivery.record_progress(
            db,
            people.owner,
            "ask",
            ask,
            {**opened(db, ManagerAsk, ask), "status": "in_progress", "percent": "50", **change},
        )
    assert field in refused.value.field_errors
    saved = db.get(ManagerAsk, ask)
    assert (saved.status, saved.percent) == ("not_started", 0)
    assert count(db, ProgressUpdate, TimelineEvent) == (0, 1)


@pytest.mark.parametrize("kind", ["idea", "Ask", "", None, 1, ["ask"], {"ask": 1}])
def test_progress_on_an_unknown_kind_of_item_is_refused(db, people, loop, ask, kind):
    with pytest.raises(InvalidInput) as refused:
        delivery.record_progress(db, people.owner, kind, ask, {"status": "in_progress", "percent": "50"})
    assert "kind" in refused.value.field_errors
    assert count(db, ProgressUpdate) == (0,)


def test_progress_history_is_newest_first_with_evidence_links(db, people, loop, ask):
    delivery.record_progress(
        db,
        people.owner,
        "ask",
        ask,
        {**opened(db, ManagerAsk, ask), "status": "in_progress", "percent": "30", "note": "Triaged the first half"},
    )
    delivery.record_progress(
        db,
        people.owner,
        "ask",
        ask,
        {
            **opened(db, ManagerAsk, ask),
            "status": "blocked",
            "percent": "60",
            "evidence_links": "https://docs.acme.test/plan",
        },
    )
    history = delivery.progress_history(db, people.mentor, "ask", ask).rows
    assert [(h.status_label, h.percent) for h in history] == [("Blocked", 60), ("In progress", 30)]
    assert history[0].note_markdown == "Evidence:\n\n- <https://docs.acme.test/plan>"
    assert history[1].note_markdown == "Triaged the first half"
    with pytest.raises(Forbidden):
        delivery.progress_history(db, people.stranger, "ask", ask)


# --- Correction of Error reviews -------------------------------------------------------------------------------

COE = {
    "what_happened": "The survey tool was down for a week",
    "impact": "Two weeks late",
    "root_cause": "No fallback tool",
    "supporting_data": "Vendor status page",
    "lessons": "Keep a fallback",
    "corrective_actions": "Export weekly",
}


def test_a_coe_review_is_only_for_a_blocked_or_overdue_ask(db, people, loop, ask):
    with pytest.raises(Forbidden):
        coe.save_coe_review(db, people.owner, "ask", ask, COE, TODAY)
    assert row(db, people.owner, loop.id, ask).coe_allowed is False
    first = {**COE, **opened(db, COEReview, subject_kind="ask", subject_id=ask)}
    coe.save_coe_review(db, people.owner, "ask", ask, first, LATER)  # overdue by then
    review = coe.coe_review(db, people.manager, "ask", ask)
    assert review == coe.COEView(id=review.id, **COE, exists=True, version=1) and review.id
    assert row(db, people.owner, loop.id, ask).has_coe is True


def test_a_blocked_ask_gets_a_review_that_can_be_revised_later(db, people, loop, ask):
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "blocked", "percent": "20"}
    )
    assert row(db, people.owner, loop.id, ask).coe_allowed is True
    coe.save_coe_review(
        db,
        people.owner,
        "ask",
        ask,
        {**opened(db, COEReview, subject_kind="ask", subject_id=ask), "what_happened": "Tool outage"},
        TODAY,
    )
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "in_progress", "percent": "50"}
    )
    coe.save_coe_review(
        db,
        people.owner,
        "ask",
        ask,
        {**opened(db, COEReview, subject_kind="ask", subject_id=ask), **COE, "lessons": "Always keep a fallback"},
        TODAY,
    )
    assert coe.coe_review(db, people.owner, "ask", ask).lessons == "Always keep a fallback"
    assert count(db, COEReview) == (1,)
    assert db.exec(
        select(TimelineEvent.summary).where(TimelineEvent.kind == "coe").order_by(TimelineEvent.id)
    ).all() == ["Wrote a COE review: Clean up the survey backlog", "Revised a COE review: Clean up the survey backlog"]


@pytest.mark.parametrize(
    "change",
    [
        {"what_happened": ""},
        {"what_happened": None},
        {"what_happened": ["x"]},
        {"impact": "x" * 4001},
        {"root_cause": 5},
    ],
)
def test_a_bad_coe_review_is_refused(db, people, loop, ask, change):
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "blocked", "percent": "20"}
    )
    with pytest.raises(InvalidInput) as refused:
        coe.save_coe_review(
            db,
            people.owner,
            "ask",
            ask,
            {**opened(db, COEReview, subject_kind="ask", subject_id=ask), **COE, **change},
            TODAY,
        )
    assert set(refused.value.field_errors) == set(change)
    assert count(db, COEReview) == (0,) and coe.coe_review(db, people.owner, "ask", ask).exists is False


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger"])
def test_only_the_owner_writes_a_coe_review(db, people, loop, ask, who):
    delivery.record_progress(
        db, people.owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "blocked", "percent": "20"}
    )
    with pytest.raises(Forbidden):
        coe.save_coe_review(db, getattr(people, who), "ask", ask, {**COE, "version": "0"}, TODAY)
    assert count(db, COEReview) == (0,)
