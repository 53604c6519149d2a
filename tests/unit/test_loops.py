"""Loops: start one, see where it stands, move through its stages, repeat it.

Repeating closes the loop with a retrospective and starts the next at stage 4
(or 1), carrying open asks, recommendations and action steps forward as links
to the same records; the closed loop becomes read-only history.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlmodel import select

from magicloop.models import (
    ActionStep,
    CarriedItem,
    GrowthConversation,
    Idea,
    Loop,
    ManagerAsk,
    Recommendation,
    SelfReflection,
    StageReflection,
    TimelineEvent,
)
from magicloop.services import asks, delivery, growth, loop_view, loops, notes, reflection, tracking
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.repeat import repeat_loop
from tests.support import BAD_IDS, count, opened

TODAY = dt.date(2026, 11, 22)  # a Sunday


def start(db, actor, **data):
    return loops.start_loop(db, actor, {"goal": "Lead our VoC programme by Q3", **data}, TODAY)


def repeat(db, actor, loop_id, **data):
    form = {"retrospective_moved": "Ran the NPS survey", "restart_at": "4", **opened(db, Loop, loop_id), **data}
    return repeat_loop(db, actor, loop_id, {k: v for k, v in form.items() if v is not None}, TODAY)


# --- starting a loop -------------------------------------------------------------------------------------------


def test_start_loop_records_goal_role_and_parsed_target_date(db, people):
    loop_id = start(
        db, people.owner, goal="  Lead our VoC programme  ", target_role="Head of CX", target_date="in 3 weeks"
    )
    loop = db.get(Loop, loop_id)
    assert (loop.number, loop.stage, loop.goal, loop.target_role) == (1, 1, "Lead our VoC programme", "Head of CX")
    assert loop.target_date == dt.date(2026, 12, 13)
    view = loop_view.view_loop(db, people.owner, loop_id, TODAY)
    assert (view.stage_title, view.is_current, view.editable, view.target_date) == ("Reflect", True, True, "2026-12-13")
    events = db.exec(select(TimelineEvent).where(TimelineEvent.owner_id == people.owner.id)).all()
    assert [e.kind for e in events] == ["loop"] and "Lead our VoC programme" in events[0].summary


@pytest.mark.parametrize(
    "data, field",
    [
        ({"goal": ""}, "goal"),
        ({"goal": "   "}, "goal"),
        ({"goal": None}, "goal"),
        ({"goal": "x" * 501}, "goal"),
        ({"goal": ["Lead VoC"]}, "goal"),
        ({"goal": {"text": "Lead VoC"}}, "goal"),
        ({"goal": 42}, "goal"),
        ({"goal": "Lead\x00VoC"}, "goal"),
        ({"goal": "Lead VoC", "target_role": "x" * 121}, "target_role"),
        ({"goal": "Lead VoC", "target_role": ["Head of CX"]}, "target_role"),
        ({"goal": "Lead VoC", "target_date": "when pigs fly"}, "target_date"),
        ({"goal": "Lead VoC", "target_date": "yesterday"}, "target_date"),
        ({"goal": "Lead VoC", "target_date": "2026-01-01"}, "target_date"),
        ({"goal": "Lead VoC", "target_date": ["2027-03-01"]}, "target_date"),
        ({"goal": "Lead VoC", "target_date": "in 99999 years"}, "target_date"),
    ],
)
def test_start_loop_refuses_bad_input_and_creates_nothing(db, people, data, field):
    with pytest.raises(InvalidInput) as refused:
        loops.start_loop(db, people.owner, data, TODAY)
    assert field in refused.value.field_errors
    assert count(db, Loop, TimelineEvent) == (0, 0)


@pytest.mark.parametrize("data", [None, [], ["goal"], "Lead VoC", 7])
def test_start_loop_with_a_non_form_asks_for_the_goal(db, people, data):
    with pytest.raises(InvalidInput) as refused:
        loops.start_loop(db, people.owner, data, TODAY)
    assert "goal" in refused.value.field_errors
    assert count(db, Loop) == (0,)


def test_a_second_current_loop_is_refused(db, people, loop):
    with pytest.raises(Forbidden):
        start(db, people.owner, goal="Another goal")
    assert count(db, Loop) == (1,)


def test_loop_numbers_count_up_per_person(db, people):
    first = start(db, people.owner)
    second = repeat(db, people.owner, first)
    third = repeat(db, people.owner, second)
    others = start(db, people.manager, goal="Become a CX director")
    assert [db.get(Loop, i).number for i in (first, second, third, others)] == [1, 2, 3, 1]
    assert [s.number for s in loops.list_loops(db, people.owner)] == [3, 2, 1]
    assert [s.is_current for s in loops.list_loops(db, people.owner)] == [True, False, False]


# --- seeing a loop ---------------------------------------------------------------------------------------------


def test_a_new_loop_shows_stage_one_current_and_what_is_open(db, people, loop):
    view = loop_view.view_loop(db, people.owner, loop.id, TODAY)
    assert [s.state for s in view.stages] == ["current", "upcoming", "upcoming", "upcoming", "upcoming"]
    assert [s.title for s in view.stages] == [
        "Reflect",
        "Ask how to help",
        "Implement",
        "Ask how to grow",
        "Do as recommended",
    ]
    # Nothing recorded is nothing open: what is missing is a prompt, not an open item.
    assert {s.number: s.open_items for s in view.stages} == {1: [], 2: [], 3: [], 4: [], 5: []}
    assert {s.number: s.missing for s in view.stages} == {
        1: ["Your self-reflection and readiness aren't recorded yet.", "Your action plan has no dated steps yet."],
        2: ["No ask from your manager is logged yet."],
        3: [],
        4: ["No growth conversation is recorded yet."],
        5: ["No recommendation is recorded yet: write down the ones from your growth conversation."],
    }


def test_open_items_follow_what_is_recorded(db, people, loop):
    owner = people.owner
    reflection.save_self_reflection(
        db, owner, loop.id, {**opened(db, SelfReflection, loop_id=loop.id), "readiness": "7"}
    )
    reflection.add_action_step(
        db, owner, loop.id, {"step_description": "Shadow a support shift", "step_due": "tomorrow"}, TODAY
    )
    reflection.add_action_step(
        db, owner, loop.id, {"step_description": "Read the NPS report", "step_due": "tomorrow"}, TODAY
    )
    done_step = db.exec(select(ActionStep).where(ActionStep.description == "Read the NPS report")).one()
    reflection.set_step_done(db, owner, done_step.id, True)
    tracking.log_item(
        db, people.manager, "ask", loop.id, {"what": "Clean up the survey backlog", "priority": "high"}, TODAY
    )
    done_ask = tracking.log_item(
        db, people.manager, "ask", loop.id, {"what": "Draft the CSAT deck", "priority": "low"}, TODAY
    )
    delivery.record_progress(
        db,
        owner,
        "ask",
        done_ask,
        {**opened(db, ManagerAsk, done_ask), "status": "done", "percent": "100", "outcome": "Sent"},
    )
    growth.record_conversation(db, owner, loop.id, {"goal_restated": "Lead VoC", "gaps": "Stakeholder buy-in"}, TODAY)
    unreplied = tracking.log_item(
        db, people.manager, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY
    )
    tracking.log_item(db, people.manager, "recommendation", loop.id, {"what": "Join the journey mapping guild"}, TODAY)
    delivery.record_progress(
        db,
        owner,
        "recommendation",
        unreplied,
        {**opened(db, Recommendation, unreplied), "status": "done", "percent": "100", "outcome": "Presented"},
    )
    people.owner.advanced_mode = True
    asks.suggest_idea(db, owner, loop.id, {"proposal": "I could run a culture pulse"}, TODAY)

    later = TODAY + dt.timedelta(days=3)  # the open step is now overdue
    open_items = {s.number: s.open_items for s in loop_view.view_loop(db, owner, loop.id, later).stages}
    assert open_items[1] == ["Action step overdue: Shadow a support shift"]
    assert open_items[2] == ["Idea awaiting your manager: I could run a culture pulse"]
    assert open_items[3] == ["Ask not done: Clean up the survey backlog"]
    assert open_items[4] == []
    assert open_items[5] == [
        "No closing reply yet: Present at the CX forum",
        "Recommendation not done: Join the journey mapping guild",
    ]


def test_a_stage_left_behind_is_done_only_when_nothing_in_it_is_open(db, people, loop):
    owner, manager = people.owner, people.manager
    reflection.save_self_reflection(
        db, owner, loop.id, {**opened(db, SelfReflection, loop_id=loop.id), "readiness": "7"}
    )
    reflection.add_action_step(
        db, owner, loop.id, {"step_description": "Shadow a support shift", "step_due": "tomorrow"}, TODAY
    )
    people.owner.advanced_mode = True
    idea = asks.suggest_idea(db, owner, loop.id, {"proposal": "I could run a culture pulse"}, TODAY)
    ask = tracking.log_item(
        db, owner, "ask", loop.id, {"what": "Clean up the survey backlog", "priority": "high"}, TODAY
    )
    growth.record_conversation(db, owner, loop.id, {"goal_restated": "Lead VoC", "gaps": "Stakeholder buy-in"}, TODAY)
    rec = tracking.log_item(db, manager, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY)
    loops.move_to_stage(db, owner, loop.id, 5)
    later = TODAY + dt.timedelta(days=3)  # the step is overdue by now

    def shown():
        return [(s.state, len(s.open_items)) for s in loop_view.view_loop(db, owner, loop.id, later).stages]

    assert shown() == [("open", 1), ("open", 1), ("open", 1), ("done", 0), ("current", 1)]

    reflection.set_step_done(db, owner, db.exec(select(ActionStep.id)).one(), True)
    asks.decide_idea(
        db,
        manager,
        idea,
        {**opened(db, Idea, idea), "decision": "decline", "decline_reason": "Not this quarter"},
        TODAY,
    )
    delivery.record_progress(
        db, owner, "ask", ask, {**opened(db, ManagerAsk, ask), "status": "done", "percent": "100", "outcome": "Cleared"}
    )
    delivery.record_progress(
        db,
        owner,
        "recommendation",
        rec,
        {**opened(db, Recommendation, rec), "status": "done", "percent": "100", "outcome": "Done"},
    )
    assert shown() == [("done", 0), ("done", 0), ("done", 0), ("done", 0), ("current", 1)]
    growth.reply_to_recommendation(
        db, owner, rec, {**opened(db, Recommendation, rec), "closing_reply": "Presented, slides shared"}
    )
    assert shown() == [("done", 0), ("done", 0), ("done", 0), ("done", 0), ("current", 0)]

    # History keeps the same rule: a closed loop ticks what was finished, not what was carried on.
    tracking.log_item(db, manager, "ask", loop.id, {"what": "Draft the CSAT deck", "priority": "low"}, TODAY)
    repeat(db, owner, loop.id)
    assert shown() == [("done", 0), ("done", 0), ("open", 1), ("done", 0), ("done", 0)]


def test_a_new_loop_moved_past_stage_two_shows_nothing_open_there(db, people, loop):
    loops.move_to_stage(db, people.owner, loop.id, 3)
    stage_two = loop_view.view_loop(db, people.owner, loop.id, TODAY).stages[1]
    assert (stage_two.state, stage_two.open_items) == ("done", [])


@pytest.mark.parametrize("who", ["manager", "mentor"])
def test_manager_and_mentor_see_the_loop_read_only(db, people, loop, who):
    view = loop_view.view_loop(db, getattr(people, who), loop.id, TODAY)
    assert (view.goal, view.owner_name, view.editable) == (loop.goal, "Ada Owner", False)


@pytest.mark.parametrize("who", ["stranger", "admin", "outsider"])
def test_others_cannot_see_a_loop(db, people, loop, who):
    with pytest.raises(Forbidden):
        loop_view.view_loop(db, getattr(people, who), loop.id, TODAY)
    with pytest.raises(Forbidden):
        loops.list_loops(db, getattr(people, who), people.owner.id)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_view_loop_with_a_bad_id_is_not_found(db, people, loop, bad):
    with pytest.raises(NotFound):
        loop_view.view_loop(db, people.owner, bad, TODAY)


@pytest.mark.parametrize("bad", ["1", True, 1.5, [1], {"id": 1}, 999_999])
def test_listing_someone_elses_loops_with_a_bad_person_id_is_not_found(db, people, loop, bad):
    with pytest.raises(NotFound):
        loops.list_loops(db, people.manager, bad)
    with pytest.raises(NotFound):
        loops.current_loop_id(db, people.manager, bad)


def test_manager_finds_the_current_loop_of_their_report(db, people, loop):
    assert loops.current_loop_id(db, people.manager, people.owner.id) == loop.id
    assert loops.current_loop_id(db, people.stranger) is None


# --- moving between stages -------------------------------------------------------------------------------------


def test_moving_never_blocks_and_goes_both_ways(db, people, loop):
    loops.move_to_stage(db, people.owner, loop.id, 5)  # everything in 1–4 still open
    view = loop_view.view_loop(db, people.owner, loop.id, TODAY)
    assert view.stage == 5 and [s.state for s in view.stages] == ["done"] * 4 + ["current"]
    loops.move_to_stage(db, people.owner, loop.id, 2)
    assert db.get(Loop, loop.id).stage == 2
    kinds = db.exec(select(TimelineEvent.summary).where(TimelineEvent.kind == "stage").order_by(TimelineEvent.id)).all()
    assert kinds == ["Loop 1: moved to stage 5, Do as recommended", "Loop 1: moved to stage 2, Ask how to help"]
    loops.move_to_stage(db, people.owner, loop.id, 2)  # staying put writes nothing
    assert count(db, TimelineEvent) == (2,)


@pytest.mark.parametrize("stage", [0, 6, -1, "3", True, False, None, 2.0, [3], {"stage": 3}])
def test_move_to_an_invalid_stage_is_refused(db, people, loop, stage):
    with pytest.raises(InvalidInput) as refused:
        loops.move_to_stage(db, people.owner, loop.id, stage)
    assert "stage" in refused.value.field_errors
    assert db.get(Loop, loop.id).stage == 1 and count(db, TimelineEvent) == (0,)


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger", "admin", "outsider"])
def test_only_the_owner_moves_the_loop(db, people, loop, who):
    with pytest.raises(Forbidden):
        loops.move_to_stage(db, getattr(people, who), loop.id, 3)
    assert db.get(Loop, loop.id).stage == 1


@pytest.mark.parametrize("bad", BAD_IDS)
def test_move_with_a_bad_loop_id_is_not_found(db, people, loop, bad):
    with pytest.raises(NotFound):
        loops.move_to_stage(db, people.owner, bad, 3)
    assert db.get(Loop, loop.id).stage == 1


# --- repeating the loop ----------------------------------------------------------------------------------------


def test_repeat_closes_with_a_retrospective_and_starts_at_stage_four(db, people, loop):
    new_id = repeat(db, people.owner, loop.id, retrospective_stalled="The journey map", restart_at=None)
    old, new = db.get(Loop, loop.id), db.get(Loop, new_id)
    assert old.closed_at is not None
    assert (old.retrospective_moved, old.retrospective_stalled) == ("Ran the NPS survey", "The journey map")
    assert (new.number, new.stage, new.goal, new.previous_loop_id, new.closed_at) == (2, 4, loop.goal, loop.id, None)
    old_view = loop_view.view_loop(db, people.owner, loop.id, TODAY)
    assert (old_view.is_current, old_view.editable) == (False, False)
    assert old_view.closed_on and [s.state for s in old_view.stages] == ["done"] * 5
    assert [s.state for s in loop_view.view_loop(db, people.owner, new_id, TODAY).stages] == [
        "done",
        "done",
        "done",
        "current",
        "upcoming",
    ]
    assert loops.current_loop_id(db, people.owner) == new_id


@pytest.mark.parametrize("restart_at, stage", [("4", 4), ("1", 1)])
def test_repeat_may_restart_at_stage_one(db, people, loop, restart_at, stage):
    new_id = repeat(db, people.owner, loop.id, restart_at=restart_at)
    assert db.get(Loop, new_id).stage == stage


def test_a_passed_target_date_offered_back_unchanged_is_dropped_not_refused(db, people):
    first = start(db, people.owner, target_date="in 3 weeks")
    offered = db.get(Loop, first).target_date.isoformat()
    later = TODAY + dt.timedelta(days=30)
    form = {"retrospective_moved": "Plenty", "restart_at": "4", "target_date": offered, **opened(db, Loop, first)}
    second = repeat_loop(db, people.owner, first, form, later)
    assert db.get(Loop, second).target_date is None


def test_repeat_may_set_a_new_goal_and_drops_a_passed_target_date(db, people):
    first = start(db, people.owner, target_date="in 3 weeks")
    form = {"retrospective_moved": "Plenty", "restart_at": "4", **opened(db, Loop, first)}
    second = repeat_loop(db, people.owner, first, form, TODAY + dt.timedelta(days=30))
    assert (db.get(Loop, second).goal, db.get(Loop, second).target_date) == ("Lead our VoC programme by Q3", None)
    third = repeat(db, people.owner, second, goal="Run the CX team", target_date="2027-06-30")
    assert (db.get(Loop, third).goal, db.get(Loop, third).target_date) == ("Run the CX team", dt.date(2027, 6, 30))


def test_repeat_carries_the_target_role_and_date_forward_when_left_blank(db, people):
    first = start(db, people.owner, target_role="Head of CX", target_date="2027-06-30")
    second = repeat(db, people.owner, first)  # the form without them, as an older tab sends it
    third = repeat(db, people.owner, second, goal="Lead our VoC programme by Q3", target_role=" ", target_date="")
    for loop_id in (second, third):
        view = loop_view.view_loop(db, people.owner, loop_id, TODAY)
        assert (view.target_role, view.target_date) == ("Head of CX", "2027-06-30")


def test_repeat_takes_an_edited_target_role_and_date(db, people):
    first = start(db, people.owner, target_role="Head of CX", target_date="2027-06-30")
    second = repeat(db, people.owner, first, target_role="VoC lead", target_date="2027-09-30")
    view = loop_view.view_loop(db, people.owner, second, TODAY)
    assert (view.goal, view.target_role, view.target_date) == ("Lead our VoC programme by Q3", "VoC lead", "2027-09-30")


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "retrospective_moved"),
        ({"retrospective_moved": "  "}, "retrospective_moved"),
        ({"retrospective_moved": "x" * 2001}, "retrospective_moved"),
        ({"retrospective_moved": ["moved"]}, "retrospective_moved"),
        ({"retrospective_moved": "ok", "retrospective_stalled": "x" * 2001}, "retrospective_stalled"),
        ({"retrospective_moved": "ok", "retrospective_stalled": {"a": 1}}, "retrospective_stalled"),
        ({"retrospective_moved": "ok", "restart_at": "2"}, "restart_at"),
        ({"retrospective_moved": "ok", "restart_at": 1}, "restart_at"),
        ({"retrospective_moved": "ok", "restart_at": ["1"]}, "restart_at"),
        ({"retrospective_moved": "ok", "goal": "x" * 501}, "goal"),
        ({"retrospective_moved": "ok", "goal": ["Run CX"]}, "goal"),
        ({"retrospective_moved": "ok", "goal": "Run CX", "target_date": "last year"}, "target_date"),
        ({"retrospective_moved": "ok", "target_date": "last year"}, "target_date"),
        ({"retrospective_moved": "ok", "target_date": "when pigs fly"}, "target_date"),
        ({"retrospective_moved": "ok", "target_role": "x" * 121}, "target_role"),
        ({"retrospective_moved": "ok", "target_role": ["Head of CX"]}, "target_role"),
    ],
)
def test_repeat_refuses_bad_input_and_leaves_the_loop_open(db, people, loop, data, field):
    with pytest.raises(InvalidInput) as refused:
        repeat_loop(db, people.owner, loop.id, data, TODAY)
    assert field in refused.value.field_errors
    assert db.get(Loop, loop.id).closed_at is None
    assert count(db, Loop, CarriedItem, TimelineEvent) == (1, 0, 0)


@pytest.mark.parametrize("data", [None, ["retrospective_moved"], "moved a lot", 3])
def test_repeat_with_a_non_form_asks_for_the_retrospective(db, people, loop, data):
    with pytest.raises(InvalidInput) as refused:
        repeat_loop(db, people.owner, loop.id, data, TODAY)
    assert "retrospective_moved" in refused.value.field_errors
    assert db.get(Loop, loop.id).closed_at is None and count(db, Loop) == (1,)


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger", "admin"])
def test_only_the_owner_repeats_the_loop(db, people, loop, who):
    with pytest.raises(Forbidden):
        repeat(db, getattr(people, who), loop.id)
    assert db.get(Loop, loop.id).closed_at is None and count(db, Loop) == (1,)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_repeat_with_a_bad_loop_id_is_not_found(db, people, loop, bad):
    with pytest.raises(NotFound):
        repeat(db, people.owner, bad)
    assert count(db, Loop) == (1,)


@pytest.fixture
def full_loop(db, people, loop):
    """Loop 1 with one open and one finished record of every kind that can be carried."""
    owner, manager = people.owner, people.manager
    ids = SimpleNamespace(loop=loop.id)
    ids.open_ask = tracking.log_item(
        db,
        manager,
        "ask",
        loop.id,
        {"what": "Clean up the survey backlog", "priority": "high", "due_on": "in 2 weeks"},
        TODAY,
    )
    ids.done_ask = tracking.log_item(
        db, owner, "ask", loop.id, {"what": "Draft the CSAT deck", "priority": "low"}, TODAY
    )
    delivery.record_progress(
        db,
        owner,
        "ask",
        ids.done_ask,
        {**opened(db, ManagerAsk, ids.done_ask), "status": "done", "percent": "100", "outcome": "Sent"},
    )
    ids.open_rec = tracking.log_item(db, manager, "recommendation", loop.id, {"what": "Present at the CX forum"}, TODAY)
    ids.unreplied_rec = tracking.log_item(db, manager, "recommendation", loop.id, {"what": "Shadow sales calls"}, TODAY)
    delivery.record_progress(
        db,
        owner,
        "recommendation",
        ids.unreplied_rec,
        {
            **opened(db, Recommendation, ids.unreplied_rec),
            "status": "done",
            "percent": "100",
            "outcome": "Shadowed five calls",
        },
    )
    ids.closed_rec = tracking.log_item(db, manager, "recommendation", loop.id, {"what": "Read Outside In"}, TODAY)
    delivery.record_progress(
        db,
        owner,
        "recommendation",
        ids.closed_rec,
        {**opened(db, Recommendation, ids.closed_rec), "status": "done", "percent": "100", "outcome": "Read it"},
    )
    growth.reply_to_recommendation(
        db,
        owner,
        ids.closed_rec,
        {**opened(db, Recommendation, ids.closed_rec), "closing_reply": "Read it, notes shared"},
    )
    for description in ("Map the returns journey", "Book a CX course"):
        reflection.add_action_step(
            db, owner, loop.id, {"step_description": description, "step_due": "next Friday"}, TODAY
        )
    steps = {s.description: s.id for s in db.exec(select(ActionStep)).all()}
    ids.open_step, ids.done_step = steps["Map the returns journey"], steps["Book a CX course"]
    reflection.set_step_done(db, owner, ids.done_step, True)
    db.commit()
    return ids


def test_repeat_carries_open_items_forward_as_links(db, people, full_loop):
    before = count(db, ManagerAsk, Recommendation, ActionStep)
    new_id = repeat(db, people.owner, full_loop.loop)
    assert count(db, ManagerAsk, Recommendation, ActionStep) == before  # linked, not copied
    carried = {(c.item_kind, c.item_id) for c in db.exec(select(CarriedItem).where(CarriedItem.loop_id == new_id))}
    assert carried == {
        ("ask", full_loop.open_ask),
        ("recommendation", full_loop.open_rec),
        ("recommendation", full_loop.unreplied_rec),
        ("action_step", full_loop.open_step),
    }
    in_new = tracking.list_items(db, people.owner, "ask", new_id, TODAY)
    assert [(r.id, r.carried, r.can_update) for r in in_new] == [(full_loop.open_ask, True, True)]
    assert [(r.id, r.carried) for r in tracking.list_items(db, people.owner, "recommendation", new_id, TODAY)] == [
        (full_loop.open_rec, True),
        (full_loop.unreplied_rec, True),
    ]
    assert [(r.id, r.carried) for r in reflection.action_steps(db, people.owner, new_id, TODAY)] == [
        (full_loop.open_step, True)
    ]
    summary = db.exec(select(TimelineEvent.summary).where(TimelineEvent.loop_id == new_id)).one()
    assert summary == "Closed loop 1 and started loop 2 (4 open items carried forward)"


def test_progress_through_the_new_loop_shows_on_the_original_item(db, people, full_loop):
    new_id = repeat(db, people.owner, full_loop.loop)
    delivery.record_progress(
        db,
        people.owner,
        "ask",
        full_loop.open_ask,
        {
            **opened(db, ManagerAsk, full_loop.open_ask),
            "status": "done",
            "percent": "100",
            "outcome": "Backlog cleared",
        },
    )
    growth.reply_to_recommendation(
        db,
        people.owner,
        full_loop.unreplied_rec,
        {**opened(db, Recommendation, full_loop.unreplied_rec), "closing_reply": "Done, thanks"},
    )
    reflection.set_step_done(db, people.owner, full_loop.open_step, True)
    tracking.edit_item(
        db,
        people.manager,
        "ask",
        full_loop.open_ask,
        {**opened(db, ManagerAsk, full_loop.open_ask), "what": "Clear the survey backlog", "priority": "high"},
        TODAY,
    )
    original = {r.id: r for r in tracking.list_items(db, people.manager, "ask", full_loop.loop, TODAY)}[
        full_loop.open_ask
    ]
    assert (original.status, original.percent, original.outcome, original.what) == (
        "done",
        100,
        "Backlog cleared",
        "Clear the survey backlog",
    )
    assert {r.id: r.replied for r in tracking.list_items(db, people.owner, "recommendation", full_loop.loop, TODAY)}[
        full_loop.unreplied_rec
    ] is True
    assert {r.id: r.done for r in reflection.action_steps(db, people.owner, full_loop.loop, TODAY)}[
        full_loop.open_step
    ] is True
    # What is now finished stays behind when loop 2 is repeated; what is still open travels on.
    third = repeat(db, people.owner, new_id)
    carried = {(c.item_kind, c.item_id) for c in db.exec(select(CarriedItem).where(CarriedItem.loop_id == third))}
    assert carried == {("recommendation", full_loop.open_rec)}


def test_a_closed_loop_is_read_only_but_carried_items_stay_editable(db, people, full_loop):
    repeat(db, people.owner, full_loop.loop)
    owner, manager, old = people.owner, people.manager, full_loop.loop
    refused = [
        lambda: loops.move_to_stage(db, owner, old, 2),
        lambda: repeat(db, owner, old),
        lambda: tracking.log_item(db, owner, "ask", old, {"what": "Late ask", "priority": "low"}, TODAY),
        lambda: tracking.log_item(db, manager, "ask", old, {"what": "Late ask", "priority": "low"}, TODAY),
        lambda: reflection.save_self_reflection(
            db, owner, old, {**opened(db, SelfReflection, loop_id=old), "readiness": "5"}
        ),
        lambda: reflection.add_action_step(db, owner, old, {"step_description": "x", "step_due": "tomorrow"}, TODAY),
        lambda: reflection.save_stage_reflection(
            db, owner, old, {**opened(db, StageReflection, loop_id=old), "learned": "Something"}
        ),
        lambda: growth.record_conversation(db, owner, old, {"goal_restated": "x", "gaps": "y"}, TODAY),
        lambda: tracking.log_item(db, manager, "recommendation", old, {"what": "Late advice"}, TODAY),
        lambda: delivery.record_progress(
            db,
            owner,
            "ask",
            full_loop.done_ask,
            {**opened(db, ManagerAsk, full_loop.done_ask), "status": "in_progress", "percent": "50"},
        ),
        lambda: tracking.edit_item(
            db,
            owner,
            "ask",
            full_loop.done_ask,
            {**opened(db, ManagerAsk, full_loop.done_ask), "what": "Changed", "priority": "low"},
            TODAY,
        ),
        lambda: tracking.delete_item(db, owner, "ask", full_loop.done_ask),
        lambda: growth.reply_to_recommendation(
            db,
            owner,
            full_loop.closed_rec,
            {**opened(db, Recommendation, full_loop.closed_rec), "closing_reply": "Changed"},
        ),
        lambda: reflection.set_step_done(db, owner, full_loop.done_step, False),
        lambda: reflection.delete_step(db, owner, full_loop.done_step),
    ]
    before = count(db, Loop, ManagerAsk, Recommendation, ActionStep, GrowthConversation, Idea, TimelineEvent)
    for attempt in refused:
        with pytest.raises(Forbidden):
            attempt()
    assert count(db, Loop, ManagerAsk, Recommendation, ActionStep, GrowthConversation, Idea, TimelineEvent) == before
    assert db.get(Loop, old).stage == 1 and db.get(ManagerAsk, full_loop.done_ask).what == "Draft the CSAT deck"
    # The carried ones are worked on from the new loop.
    delivery.record_progress(
        db,
        owner,
        "ask",
        full_loop.open_ask,
        {**opened(db, ManagerAsk, full_loop.open_ask), "status": "in_progress", "percent": "30"},
    )
    tracking.edit_item(
        db,
        manager,
        "ask",
        full_loop.open_ask,
        {**opened(db, ManagerAsk, full_loop.open_ask), "what": "Clean up all survey backlogs", "priority": "high"},
        TODAY,
    )
    reflection.set_step_done(db, owner, full_loop.open_step, True)
    assert db.get(ManagerAsk, full_loop.open_ask).percent == 30
    assert db.get(ActionStep, full_loop.open_step).done_at is not None
    # Private notes are the owner's own record, past loops included.
    notes.add_note(db, owner, old, {"note_body": "Looking back: should have asked sooner."})
    assert [n.body for n in notes.list_notes(db, owner, old)] == ["Looking back: should have asked sooner."]
