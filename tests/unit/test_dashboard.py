"""The professional's home page: the current loop and stage, one next action, what is
due this week or overdue, open feedback to answer and the latest timeline events."""

from __future__ import annotations

import datetime as dt

import time_machine

from magicloop.models import Comment, utcnow
from magicloop.services import asks, dashboard, delivery, growth, loop_view, loops, reflection, repeat, tracking

TODAY = dt.date(2026, 11, 22)  # a Sunday
FRIDAY = dt.date(2026, 11, 27)


def start(db, owner):
    return loops.start_loop(db, owner, {"goal": "Lead our VoC programme by Q3"}, TODAY)


def test_with_no_loop_the_dashboard_says_to_start_one(db, people):
    view = dashboard.home(db, people.owner, TODAY)
    assert (view.loop_id, view.loop_number, view.goal, view.stage, view.stage_title) == (0, 0, "", 0, "")
    assert view.next_action == "Start your first loop with a career goal."
    assert (view.due, view.overdue_count, view.open_feedback, view.recent, view.loops) == ([], 0, 0, [], [])


def test_the_dashboard_shows_the_current_loop_and_its_next_action(db, people):
    loop_id = start(db, people.owner)
    view = dashboard.home(db, people.owner, TODAY)
    assert (view.loop_id, view.loop_number, view.goal, view.stage, view.stage_title) == (
        loop_id,
        1,
        "Lead our VoC programme by Q3",
        1,
        "Reflect",
    )
    assert view.next_action == "Your self-reflection and readiness aren't recorded yet."
    assert [(s.number, s.is_current) for s in view.loops] == [(1, True)]
    reflection.save_self_reflection(db, people.owner, loop_id, {"readiness": "6"})
    reflection.add_action_step(
        db, people.owner, loop_id, {"step_description": "Map the returns journey", "step_due": "in 2 weeks"}, TODAY
    )
    assert (
        dashboard.home(db, people.owner, TODAY).next_action
        == "Stage 1 looks complete: move on to stage 2, Ask how to help."
    )
    loops.move_to_stage(db, people.owner, loop_id, 2)
    assert dashboard.home(db, people.owner, TODAY).next_action == "No ask from your manager is logged yet."
    loops.move_to_stage(db, people.owner, loop_id, 5)
    # Nothing is "done and answered" before there is anything to do.
    assert (
        dashboard.home(db, people.owner, TODAY).next_action
        == "No recommendation is recorded yet: write down the ones from your growth conversation."
    )
    rec = tracking.log_item(db, people.manager, "recommendation", loop_id, {"what": "Present at the CX forum"}, TODAY)
    assert dashboard.home(db, people.owner, TODAY).next_action == "Recommendation not done: Present at the CX forum"
    delivery.record_progress(
        db, people.owner, "recommendation", rec, {"status": "done", "percent": "100", "outcome": "Presented"}
    )
    assert dashboard.home(db, people.owner, TODAY).next_action == "No closing reply yet: Present at the CX forum"
    growth.reply_to_recommendation(db, people.owner, rec, {"closing_reply": "Presented, slides shared"})
    assert (
        dashboard.home(db, people.owner, TODAY).next_action
        == "Everything here is done and answered: repeat the loop to keep growing."
    )


def test_what_is_open_in_the_current_stage_is_what_the_stepper_counts(db, people):
    loop_id = start(db, people.owner)
    loops.move_to_stage(db, people.owner, loop_id, 2)
    assert dashboard.home(db, people.owner, TODAY).stage_open == 0  # no ask yet: a prompt, not an open item
    people.owner.advanced_mode = True
    asks.suggest_idea(db, people.owner, loop_id, {"proposal": "I could run a culture pulse"}, TODAY)
    stepper = loop_view.view_loop(db, people.owner, loop_id, TODAY).stages[1]
    assert dashboard.home(db, people.owner, TODAY).stage_open == len(stepper.open_items) == 1


def test_due_this_week_and_overdue_are_listed_soonest_first(db, people):
    owner, manager = people.owner, people.manager
    loop_id = start(db, owner)

    def ask(what, due=""):
        return tracking.log_item(
            db, manager, "ask", loop_id, {"what": what, "priority": "medium", "due_on": due}, TODAY
        )

    reflection.add_action_step(
        db, owner, loop_id, {"step_description": "Map the returns journey", "step_due": "tomorrow"}, TODAY
    )
    reflection.add_action_step(db, owner, loop_id, {"step_description": "Book a course", "step_due": "tomorrow"}, TODAY)
    done_step = [s.id for s in reflection.action_steps(db, owner, loop_id, TODAY) if s.description == "Book a course"]
    reflection.set_step_done(db, owner, done_step[0], True)
    ask("Draft the CSAT deck", "2026-12-04")
    ask("Clean up the survey backlog", "2026-11-25")
    ask("Plan the offsite", "2026-12-05")
    ask("Take Monday triage")
    done = ask("Fix the NPS dashboard", "2026-11-24")
    delivery.record_progress(db, owner, "ask", done, {"status": "done", "percent": "100", "outcome": "Fixed"})
    tracking.log_item(
        db, manager, "recommendation", loop_id, {"what": "Present at the CX forum", "due_on": "2026-12-02"}, TODAY
    )
    loops.start_loop(db, manager, {"goal": "Become a CX director"}, TODAY)  # someone else's loop stays out
    tracking.log_item(
        db,
        manager,
        "ask",
        loops.current_loop_id(db, manager),
        {"what": "Not Ada's", "due_on": "tomorrow", "priority": "low"},
        TODAY,
    )

    view = dashboard.home(db, owner, FRIDAY)
    assert [(d.kind, d.title, d.due_text, d.overdue) for d in view.due] == [
        ("Action step", "Map the returns journey", "Mon 23 Nov 2026 (4 days ago)", True),
        ("Ask", "Clean up the survey backlog", "Wed 25 Nov 2026 (2 days ago)", True),
        ("Recommendation", "Present at the CX forum", "Wed 2 Dec 2026 (in 5 days)", False),
        ("Ask", "Draft the CSAT deck", "Fri 4 Dec 2026 (in 7 days)", False),
    ]
    assert (view.overdue_count, view.open_feedback) == (2, 1)


def test_open_feedback_counts_unanswered_recommendations_and_comments(db, people):
    loop_id = start(db, people.owner)
    tracking.log_item(db, people.manager, "recommendation", loop_id, {"what": "Present at the CX forum"}, TODAY)
    now = utcnow()
    for author, answered, deleted in (
        (people.manager, None, None),
        (people.manager, now, None),
        (people.manager, None, now),
        (people.owner, None, None),
    ):
        db.add(
            Comment(
                loop_id=loop_id,
                author_id=author.id,
                subject_kind="loop",
                subject_id=loop_id,
                body="Well done",
                expects_reply=True,
                answered_at=answered,
                deleted_at=deleted,
            )
        )
    db.add(
        Comment(
            loop_id=loop_id,
            author_id=people.manager.id,
            subject_kind="loop",
            subject_id=loop_id,
            body="FYI",
            expects_reply=False,
        )
    )
    assert dashboard.home(db, people.owner, TODAY).open_feedback == 2
    assert dashboard.home(db, people.manager, TODAY).open_feedback == 0


def test_recent_activity_is_the_latest_eight_events_newest_first(db, people):
    loop_id = start(db, people.owner)
    for n in range(10):
        tracking.log_item(db, people.owner, "ask", loop_id, {"what": f"Ask number {n}", "priority": "low"}, TODAY)
    recent = dashboard.home(db, people.owner, TODAY).recent
    assert [r.summary for r in recent] == [f"Ask logged: Ask number {n}" for n in range(9, 1, -1)]
    assert dashboard.home(db, people.manager, TODAY).recent == []  # the manager's own home shows their own history


def test_the_dashboard_follows_the_loop_after_repeating(db, people):
    first = start(db, people.owner)
    tracking.log_item(
        db,
        people.owner,
        "ask",
        first,
        {"what": "Clean up the survey backlog", "priority": "high", "due_on": "tomorrow"},
        TODAY,
    )
    second = repeat.repeat_loop(db, people.owner, first, {"retrospective_moved": "Some", "restart_at": "4"}, TODAY)
    view = dashboard.home(db, people.owner, TODAY)
    assert (view.loop_id, view.loop_number, view.stage, view.stage_title) == (second, 2, 4, "Ask how to grow")
    assert view.next_action == "No growth conversation is recorded yet."
    assert [d.title for d in view.due] == ["Clean up the survey backlog"]  # carried forward
    assert [(s.number, s.is_current) for s in view.loops] == [(2, True), (1, False)]
    assert view.recent[0].summary == "Closed loop 1 and started loop 2 (1 open item carried forward)"


def test_the_professional_sees_their_next_check_in_then_the_one_they_missed(db, people):
    people.owner.time_zone, people.owner.checkin_rrule = "Pacific/Auckland", "FREQ=WEEKLY;BYDAY=TU"
    db.add(people.owner)
    monday = dt.datetime(2026, 11, 22, 20, tzinfo=dt.UTC)  # Monday 23 November, 09:00 in Auckland
    with time_machine.travel(monday, tick=False):
        start(db, people.owner)  # its "loop started" event is the last activity
        line = dashboard.home(db, people.owner, TODAY).checkin
        assert (line.stale, line.text) == (False, "Next check-in: Tue 24 Nov 2026 (tomorrow)")
    with time_machine.travel(monday + dt.timedelta(days=2), tick=False):  # Wednesday in Auckland: Tuesday is over
        line = dashboard.home(db, people.owner, TODAY).checkin
        assert (line.stale, line.text) == (True, "Your check-in due Tue 24 Nov went by with nothing on your loop.")
