"""Stage 1, Reflect: competency self-assessment, self-reflection, the dated action plan,
and the short stage reflection (what I learned, what was hard, what I enjoyed)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlmodel import select

from magicloop.models import (
    ActionStep,
    CarriedItem,
    CompetencyRating,
    Loop,
    SelfReflection,
    StageReflection,
    TimelineEvent,
)
from magicloop.services import reflection, repeat
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from tests.support import BAD_IDS, count, opened, ratings_opened

TODAY = dt.date(2026, 11, 22)  # a Sunday


@pytest.fixture
def competencies(db, people, loop):
    return [row.competency_id for row in reflection.assessment(db, people.owner, loop.id)]


def refused_fields(save, *args) -> dict[str, str]:
    """The field errors of a form that `save` refuses."""
    with pytest.raises(InvalidInput) as refused:
        save(*args)
    return refused.value.field_errors


def repeat_at_stage_one(db, people, loop_id: int) -> int:
    form = {"retrospective_moved": "Some", "restart_at": "1", **opened(db, Loop, loop_id)}
    return repeat.repeat_loop(db, people.owner, loop_id, form, TODAY)


def add_step(db, actor, loop_id, description="Map the returns journey", due="next Friday", today=TODAY):
    reflection.add_action_step(db, actor, loop_id, {"step_description": description, "step_due": due}, today)
    return db.exec(select(ActionStep).where(ActionStep.description == description)).one().id


# --- competency self-assessment --------------------------------------------------------------------------------


def test_assessment_lists_the_default_cx_framework_unrated(db, people, loop):
    rows = reflection.assessment(db, people.owner, loop.id)
    assert [r.name for r in rows][:2] == ["Customer research and surveys", "One-to-one customer engagement"]
    assert len(rows) == 8
    assert {(r.score, r.evidence, r.previous_score, r.manager_score) for r in rows} == {(0, "", 0, 0)}


def test_self_assessment_saves_scores_and_evidence_and_updates_in_place(db, people, loop, competencies):
    first, second = competencies[:2]
    saved = reflection.save_self_assessment(
        db,
        people.owner,
        loop.id,
        ratings_opened(
            db,
            loop.id,
            "self",
            {
                f"score-{first}": "4",
                f"evidence-{first}": "Ran the quarterly NPS survey",
                f"score-{second}": 2,
                f"score-{competencies[2]}": "",
            },
        ),
    )
    assert saved == 2
    rows = {r.competency_id: r for r in reflection.assessment(db, people.mentor, loop.id)}
    assert (rows[first].score, rows[first].evidence, rows[second].score, rows[competencies[2]].score) == (
        4,
        "Ran the quarterly NPS survey",
        2,
        0,
    )
    reflection.save_self_assessment(
        db, people.owner, loop.id, ratings_opened(db, loop.id, "self", {f"score-{first}": "5"})
    )
    assert {r.competency_id: r.score for r in reflection.assessment(db, people.owner, loop.id)}[first] == 5
    assert count(db, CompetencyRating) == (2,)
    ratings = select(TimelineEvent.summary).where(TimelineEvent.kind == "rating").order_by(TimelineEvent.id)
    assert db.exec(ratings).all() == [
        "Rated 2 competencies in loop 1",
        "Rated 1 competency in loop 1",
    ]


@pytest.mark.parametrize("score", [0, 6, -1, "x", "3.5", 3.5, True, [3], {"score": 3}])
def test_a_bad_score_is_refused_next_to_its_competency(db, people, loop, competencies, score):
    key = f"score-{competencies[0]}"
    assert key in refused_fields(
        reflection.save_self_assessment, db, people.owner, loop.id, {key: score, f"score-{competencies[1]}": "3"}
    )
    assert count(db, CompetencyRating, TimelineEvent) == (0, 0)


@pytest.mark.parametrize("data", [{}, None, ["score-1"], "4", {"score-1": None}, {"score-1": ""}])
def test_an_assessment_with_no_score_asks_for_one(db, people, loop, competencies, data):
    if isinstance(data, dict) and data:
        data = {f"score-{competencies[0]}": data["score-1"]}
    assert refused_fields(reflection.save_self_assessment, db, people.owner, loop.id, data)
    assert count(db, CompetencyRating) == (0,)


@pytest.mark.parametrize("evidence", ["x" * 2001, ["evidence"], {"a": 1}, 12])
def test_bad_evidence_is_refused(db, people, loop, competencies, evidence):
    first = competencies[0]
    assert f"evidence-{first}" in refused_fields(
        reflection.save_self_assessment,
        db,
        people.owner,
        loop.id,
        {f"score-{first}": "3", f"evidence-{first}": evidence},
    )
    assert count(db, CompetencyRating) == (0,)


def test_ratings_are_kept_per_loop_so_change_shows_after_repeating(db, people, loop, competencies):
    first = competencies[0]
    reflection.save_self_assessment(
        db, people.owner, loop.id, ratings_opened(db, loop.id, "self", {f"score-{first}": "2"})
    )
    new_id = repeat_at_stage_one(db, people, loop.id)
    row = reflection.assessment(db, people.owner, new_id)[0]
    assert (row.score, row.previous_score) == (0, 2)
    reflection.save_self_assessment(
        db, people.owner, new_id, ratings_opened(db, new_id, "self", {f"score-{first}": "4"})
    )
    row = reflection.assessment(db, people.owner, new_id)[0]
    assert (row.score, row.previous_score) == (4, 2)
    assert reflection.assessment(db, people.owner, loop.id)[0].score == 2


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger", "admin"])
def test_only_the_owner_saves_a_self_assessment(db, people, loop, competencies, who):
    with pytest.raises(Forbidden):
        reflection.save_self_assessment(db, getattr(people, who), loop.id, {f"score-{competencies[0]}": "3"})
    assert count(db, CompetencyRating) == (0,)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_assessment_with_a_bad_loop_id_is_not_found(db, people, loop, competencies, bad):
    with pytest.raises(NotFound):
        reflection.save_self_assessment(db, people.owner, bad, {f"score-{competencies[0]}": "3"})
    with pytest.raises(NotFound):
        reflection.assessment(db, people.owner, bad)
    assert count(db, CompetencyRating) == (0,)


# --- self-reflection -------------------------------------------------------------------------------------------


def test_self_reflection_is_saved_and_replaced(db, people, loop):
    assert reflection.self_reflection(db, people.owner, loop.id) == reflection.ReflectionView(0, "", "", "", 0, "")
    reflection.save_self_reflection(
        db,
        people.owner,
        loop.id,
        {
            **opened(db, SelfReflection, loop_id=loop.id),
            "strengths": "Customer interviews",
            "weaknesses": "Business cases",
            "interests": "Journey mapping",
            "readiness": "7",
            "readiness_why": "I have run two surveys already",
        },
    )
    reflection.save_self_reflection(
        db,
        people.owner,
        loop.id,
        {**opened(db, SelfReflection, loop_id=loop.id), "strengths": "Interviews and surveys", "readiness": 8},
    )
    view = reflection.self_reflection(db, people.manager, loop.id)
    assert view == reflection.ReflectionView(view.id, "Interviews and surveys", "", "", 8, "", version=2)
    assert view.id != 0
    assert count(db, SelfReflection) == (1,)
    assert (
        db.exec(select(TimelineEvent.summary).order_by(TimelineEvent.id.desc())).first()
        == "Updated self-reflection (readiness 8/10)"
    )


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "readiness"),
        ({"readiness": None}, "readiness"),
        ({"readiness": ""}, "readiness"),
        ({"readiness": "0"}, "readiness"),
        ({"readiness": 11}, "readiness"),
        ({"readiness": "seven"}, "readiness"),
        ({"readiness": 7.5}, "readiness"),
        ({"readiness": [7]}, "readiness"),
        ({"readiness": "7", "strengths": "x" * 2001}, "strengths"),
        ({"readiness": "7", "weaknesses": ["none"]}, "weaknesses"),
        ({"readiness": "7", "interests": {"a": 1}}, "interests"),
        ({"readiness": "7", "readiness_why": 3}, "readiness_why"),
    ],
)
def test_bad_self_reflection_is_refused(db, people, loop, data, field):
    assert field in refused_fields(reflection.save_self_reflection, db, people.owner, loop.id, data)
    assert count(db, SelfReflection, TimelineEvent) == (0, 0)


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger"])
def test_only_the_owner_writes_the_self_reflection(db, people, loop, who):
    with pytest.raises(Forbidden):
        reflection.save_self_reflection(
            db, getattr(people, who), loop.id, {**opened(db, SelfReflection, loop_id=loop.id), "readiness": "5"}
        )
    assert count(db, SelfReflection) == (0,)


# --- the action plan -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, due",
    [
        ("next Friday", dt.date(2026, 11, 27)),
        ("in 3 weeks", dt.date(2026, 12, 13)),
        ("2027-03-01", dt.date(2027, 3, 1)),
        ("today", TODAY),
        ("1 March", dt.date(2027, 3, 1)),
    ],
)
def test_action_step_dates_are_read_leniently(db, people, loop, typed, due):
    add_step(db, people.owner, loop.id, due=typed)
    assert db.exec(select(ActionStep)).one().due_on == due


def test_action_steps_are_listed_by_due_date_and_said_back(db, people, loop):
    add_step(db, people.owner, loop.id, "Book a CX course", "in 3 weeks")
    add_step(db, people.owner, loop.id, "Map the returns journey", "next Friday")
    rows = reflection.action_steps(db, people.mentor, loop.id, TODAY)
    assert [(r.description, r.due_on, r.due_text, r.done, r.overdue, r.carried) for r in rows] == [
        ("Map the returns journey", "2026-11-27", "Fri 27 Nov 2026 (in 5 days)", False, False, False),
        ("Book a CX course", "2026-12-13", "Sun 13 Dec 2026 (in 21 days)", False, False, False),
    ]
    later = reflection.action_steps(db, people.owner, loop.id, dt.date(2026, 11, 30))
    assert [r.overdue for r in later] == [True, False]
    summaries = db.exec(
        select(TimelineEvent.summary).where(TimelineEvent.kind == "action_step").order_by(TimelineEvent.id)
    ).all()
    assert summaries == [
        "Planned a step for 2026-12-13: Book a CX course",
        "Planned a step for 2026-11-27: Map the returns journey",
    ]


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"step_description": "Map it", "step_due": "someday"},
            "step_due",
            "Target date: enter a date like 2027-03-01, “next Friday” or “in 3 weeks”.",
        ),
        ({"step_description": "Map it", "step_due": "yesterday"}, "step_due", "Target date can't be in the past."),
        ({"step_description": "Map it", "step_due": "2026-01-01"}, "step_due", "Target date can't be in the past."),
        ({"step_description": "Map it", "step_due": ""}, "step_due", "Target date is required."),
        ({"step_description": "Map it"}, "step_due", "Target date is required."),
        ({"step_description": "Map it", "step_due": "x" * 41}, "step_due", None),
        ({"step_description": "Map it", "step_due": ["next Friday"]}, "step_due", None),
        ({"step_description": "Map it", "step_due": "in 99999 years"}, "step_due", None),
        ({"step_description": "", "step_due": "tomorrow"}, "step_description", "Step is required."),
        ({"step_description": "x" * 501, "step_due": "tomorrow"}, "step_description", None),
        ({"step_description": ["Map it"], "step_due": "tomorrow"}, "step_description", None),
        ({"step_description": "Map\nit", "step_due": "tomorrow"}, "step_description", None),
    ],
)
def test_bad_action_steps_are_refused_with_a_message(db, people, loop, data, field, message):
    errors = refused_fields(reflection.add_action_step, db, people.owner, loop.id, data, TODAY)
    assert field in errors
    if message:
        assert errors[field] == message
    assert count(db, ActionStep, TimelineEvent) == (0, 0)


@pytest.mark.parametrize(
    "typed, said",
    [
        ("next Friday", "Fri 27 Nov 2026 (in 5 days)"),
        ("tomorrow", "Mon 23 Nov 2026 (tomorrow)"),
        ("today", "Sun 22 Nov 2026 (today)"),
        ("yesterday", "Sat 21 Nov 2026 (yesterday) is in the past."),
        ("2026-11-01", "Sun 1 Nov 2026 (21 days ago) is in the past."),
        ("rubbish", "Not a date we understand: try 2027-03-01, “next Friday” or “in 3 weeks”."),
        ("in 99999 years", "Not a date we understand: try 2027-03-01, “next Friday” or “in 3 weeks”."),
        ("", ""),
        ("   ", ""),
        (None, ""),
        (["next Friday"], ""),
        (5, ""),
    ],
)
def test_preview_says_the_date_back_before_saving(typed, said):
    assert reflection.preview_due_date(typed, TODAY) == said


def test_steps_are_done_and_reopened(db, people, loop):
    step = add_step(db, people.owner, loop.id, due="tomorrow")
    reflection.set_step_done(db, people.owner, step, True)
    later = dt.date(2026, 11, 30)
    assert [(r.done, r.overdue) for r in reflection.action_steps(db, people.owner, loop.id, later)] == [(True, False)]
    reflection.set_step_done(db, people.owner, step, False)
    assert [(r.done, r.overdue) for r in reflection.action_steps(db, people.owner, loop.id, later)] == [(False, True)]
    assert db.exec(
        select(TimelineEvent.summary).where(TimelineEvent.kind == "action_step").order_by(TimelineEvent.id)
    ).all()[1:] == ["Completed a step: Map the returns journey", "Reopened a step: Map the returns journey"]


@pytest.mark.parametrize("done", ["yes", 1, [True]])
def test_a_step_marked_with_a_non_boolean_is_refused_and_unchanged(db, people, loop, done):
    step = add_step(db, people.owner, loop.id)
    reflection.set_step_done(db, people.owner, step, True)
    before = count(db, TimelineEvent)
    with pytest.raises(InvalidInput):
        reflection.set_step_done(db, people.owner, step, done)
    assert db.get(ActionStep, step).done_at is not None and count(db, TimelineEvent) == before


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger"])
def test_only_the_owner_plans_ticks_and_deletes_steps(db, people, loop, who):
    step = add_step(db, people.owner, loop.id)
    actor = getattr(people, who)
    for attempt in (
        lambda: add_step(db, actor, loop.id, "Another step"),
        lambda: reflection.set_step_done(db, actor, step, True),
        lambda: reflection.delete_step(db, actor, step),
    ):
        with pytest.raises(Forbidden):
            attempt()
    assert count(db, ActionStep) == (1,) and db.get(ActionStep, step).done_at is None


@pytest.mark.parametrize("bad", BAD_IDS)
def test_steps_with_bad_ids_are_not_found(db, people, loop, bad):
    step = add_step(db, people.owner, loop.id)
    before = count(db, ActionStep, TimelineEvent)
    for attempt in (
        lambda: reflection.set_step_done(db, people.owner, bad, True),
        lambda: reflection.delete_step(db, people.owner, bad),
        lambda: reflection.action_steps(db, people.owner, bad, TODAY),
        lambda: reflection.add_action_step(
            db, people.owner, bad, {"step_description": "x", "step_due": "tomorrow"}, TODAY
        ),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert count(db, ActionStep, TimelineEvent) == before and db.get(ActionStep, step).done_at is None


def test_deleting_a_step_leaves_a_deleted_event_without_its_content(db, people, loop):
    step = add_step(db, people.owner, loop.id, "Ask Jo about the churn data")
    reflection.delete_step(db, people.owner, step)
    assert count(db, ActionStep) == (0,)
    deleted = db.exec(select(TimelineEvent).where(TimelineEvent.kind == "deleted")).one()
    assert deleted.summary == "Deleted an action step" and deleted.subject_id is None


def test_a_deleted_step_leaves_its_text_in_no_timeline_event(db, people, loop):
    step = add_step(db, people.owner, loop.id, "Ask Jo about the churn data")
    reflection.delete_step(db, people.owner, step)
    assert [e.summary for e in db.exec(select(TimelineEvent)) if "churn data" in e.summary] == []


def test_deleting_a_carried_step_from_the_new_loop_drops_its_link(db, people, loop):
    step = add_step(db, people.owner, loop.id)
    new_id = repeat_at_stage_one(db, people, loop.id)
    reflection.delete_step(db, people.owner, step)
    assert count(db, ActionStep, CarriedItem) == (0, 0)
    assert reflection.action_steps(db, people.owner, new_id, TODAY) == []


# --- stage reflection ------------------------------------------------------------------------------------------


def test_the_stage_reflection_is_saved_and_loaded(db, people, loop):
    assert reflection.stage_reflection(db, people.owner, loop.id) == reflection.StageReflectionView()
    reflection.save_stage_reflection(
        db,
        people.owner,
        loop.id,
        {
            **opened(db, StageReflection, loop_id=loop.id),
            "learned": "Stakeholders want numbers",
            "hard": "Finding the time",
            "enjoyed": "Customer calls",
            "moves_toward_goal": "yes",
        },
    )

    def shown(*args) -> tuple:
        return dataclasses.astuple(reflection.stage_reflection(db, *args))[1:-1]  # all but the id and version

    assert shown(people.mentor, loop.id) == ("Stakeholders want numbers", "Finding the time", "Customer calls", "yes")
    reflection.save_stage_reflection(
        db, people.owner, loop.id, {**opened(db, StageReflection, loop_id=loop.id), "hard": "Saying no"}
    )
    assert shown(people.owner, loop.id) == ("", "Saying no", "", "")
    assert count(db, StageReflection) == (1,)


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "learned"),
        ({"learned": "  ", "hard": "", "enjoyed": None}, "learned"),
        ({"learned": "x" * 2001}, "learned"),
        ({"learned": "ok", "hard": ["hard"]}, "hard"),
        ({"learned": "ok", "enjoyed": 5}, "enjoyed"),
        ({"learned": "ok", "moves_toward_goal": "maybe"}, "moves_toward_goal"),
        ({"learned": "ok", "moves_toward_goal": True}, "moves_toward_goal"),
        ({"learned": "ok", "moves_toward_goal": ["yes"]}, "moves_toward_goal"),
    ],
)
def test_bad_stage_reflection_is_refused(db, people, loop, data, field):
    assert field in refused_fields(reflection.save_stage_reflection, db, people.owner, loop.id, data)
    assert count(db, StageReflection, TimelineEvent) == (0, 0)


@pytest.mark.parametrize("who", ["manager", "mentor", "stranger"])
def test_only_the_owner_writes_a_stage_reflection(db, people, loop, who):
    with pytest.raises(Forbidden):
        reflection.save_stage_reflection(
            db, getattr(people, who), loop.id, {**opened(db, StageReflection, loop_id=loop.id), "learned": "Something"}
        )
    assert count(db, StageReflection) == (0,)
