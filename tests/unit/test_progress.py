"""A professional's progress timeline (every event across all loops, newest first,
grouped by loop, filtered by kind and date, a page at a time) and the monthly chart of
deliveries with their on-time share."""

from __future__ import annotations

import datetime as dt

import pytest

from magicloop.models import ManagerAsk, Recommendation, TimelineEvent
from magicloop.services import progress, reflection
from magicloop.services.errors import Forbidden, InvalidInput, NotFound
from magicloop.services.progress import KIND_FILTERS, PAGE_SIZE
from tests.support import BAD_IDS

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def people(people):
    """The shared cast under this module's names; its outsider is the other organisation's admin."""
    people.expired, people.revoked = people.expired_mentor, people.revoked_mentor
    people.outsider = people.outsider_admin
    return people


@pytest.fixture
def loops(make, people):
    first = make.loop(people.owner, goal="Run the NPS survey", number=1)
    first.closed_at = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    make.db.add(first)
    return first, make.loop(people.owner, goal="Lead our VoC programme", number=2)


def at(month, day, hour=12, minute=0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


def event(db, owner, when, loop=None, kind="ask", summary="Something happened") -> TimelineEvent:
    e = TimelineEvent(owner_id=owner.id, loop_id=loop.id if loop else None, kind=kind, summary=summary, created_at=when)
    db.add(e)
    db.flush()
    return e


def page(db, actor, owner, filters=None, number=0, today=TODAY):
    return progress.timeline(db, actor, owner.id, filters or {}, number, today)


# --- who sees it -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("owner", True),
        ("manager", True),
        ("mentor", True),
        ("stranger", False),
        ("former", False),
        ("expired", False),
        ("revoked", False),
        ("admin", False),
        ("outsider", False),
    ],
)
def test_the_timeline_and_chart_are_for_owner_manager_and_mentor_only(db, people, loops, who, allowed):
    event(db, people.owner, at(11, 1), loops[1])
    actor = getattr(people, who)
    if allowed:
        assert page(db, actor, people.owner).owner_name == "Ada Owner"
        assert len(progress.monthly_progress(db, actor, people.owner.id, TODAY)) == 12
    else:
        for attempt in (
            lambda: page(db, actor, people.owner),
            lambda: progress.monthly_progress(db, actor, people.owner.id, TODAY),
        ):
            with pytest.raises(Forbidden):
                attempt()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_bad_person_id_is_not_found(db, people, bad):
    for attempt in (
        lambda: progress.timeline(db, people.owner, bad, {}, 0, TODAY),
        lambda: progress.monthly_progress(db, people.owner, bad, TODAY),
    ):
        with pytest.raises(NotFound):
            attempt()


# --- order, grouping and paging --------------------------------------------------------------------------------


def test_events_are_newest_first_and_grouped_by_loop_in_the_viewers_time_zone(db, people, loops):
    first, second = loops
    people.mentor.time_zone = "America/Los_Angeles"
    event(db, people.owner, at(6, 1), first, "loop", "Started loop 1")
    event(db, people.owner, at(7, 1), first, "delivery", "Delivered: NPS survey")
    event(db, people.owner, at(9, 1), second, "loop", "Started loop 2")
    event(db, people.owner, at(10, 2, 3, 15), second, "ask", "Ask logged: Journey map")
    event(db, people.owner, at(10, 3), None, "deleted", "Outside any loop")
    event(db, people.manager, at(10, 4), None, "ask", "Someone else's history")
    shown = page(db, people.mentor, people.owner)
    assert [(e.summary, e.loop_label, e.first_of_loop) for e in shown.events] == [
        ("Outside any loop", "", True),
        ("Ask logged: Journey map", "Loop 2: Lead our VoC programme", True),
        ("Started loop 2", "Loop 2: Lead our VoC programme", False),
        ("Delivered: NPS survey", "Loop 1: Run the NPS survey", True),
        ("Started loop 1", "Loop 1: Run the NPS survey", False),
    ]
    assert shown.events[1].when == "01 Oct 2026, 20:15"
    assert (shown.events[1].kind, shown.page, shown.has_more) == ("ask", 0, False)


def test_a_long_history_comes_a_page_at_a_time(db, people, loops):
    total = PAGE_SIZE * 2 + 3
    for n in range(total):
        event(db, people.owner, at(1, 1) + dt.timedelta(hours=n), loops[1], summary=f"Event {n}")
    pages = [page(db, people.manager, people.owner, number=n) for n in range(3)]
    assert [(len(p.events), p.has_more, p.page) for p in pages] == [
        (PAGE_SIZE, True, 0),
        (PAGE_SIZE, True, 1),
        (3, False, 2),
    ]
    assert [e.summary for p in pages for e in p.events] == [f"Event {n}" for n in reversed(range(total))]
    assert pages[1].events[0].first_of_loop  # each page starts its own group


@pytest.mark.parametrize("number", [None, "1", -1, True, 1.5, [1]])
def test_a_bad_page_number_shows_the_first_page(db, people, loops, number):
    for n in range(PAGE_SIZE + 2):
        event(db, people.owner, at(1, 1) + dt.timedelta(hours=n), loops[1], summary=f"Event {n}")
    shown = progress.timeline(db, people.owner, people.owner.id, {}, number, TODAY)
    assert (shown.page, shown.has_more, shown.events[0].summary) == (0, True, f"Event {PAGE_SIZE + 1}")


# --- filters ---------------------------------------------------------------------------------------------------


@pytest.fixture
def every_kind(db, people, loops):
    kinds = sorted({k for ks in KIND_FILTERS.values() for k in ks} | {"deleted", "reflection"})
    for n, kind in enumerate(kinds):
        event(db, people.owner, at(10, 1) + dt.timedelta(hours=n), loops[1], kind, f"A {kind} event")
    return kinds


@pytest.mark.parametrize("name", sorted(KIND_FILTERS))
def test_filtering_by_kind_shows_only_that_kind(db, people, every_kind, name):
    shown = page(db, people.mentor, people.owner, {"kinds": [name]})
    assert sorted(e.kind for e in shown.events) == sorted(KIND_FILTERS[name])


def test_filters_combine_and_unknown_names_are_ignored(db, people, every_kind):
    shown = page(db, people.mentor, people.owner, {"kinds": ["ratings", "coe", "nonsense"]})
    assert sorted(e.kind for e in shown.events) == ["coe", "rating"]
    assert len(page(db, people.mentor, people.owner, {"kinds": ["nonsense"]}).events) == len(every_kind)
    assert len(page(db, people.mentor, people.owner, {"kinds": []}).events) == len(every_kind)


@pytest.mark.parametrize("kinds", ["asks", 5, None, True, [["asks"]], [{"asks": 1}], [5], {"asks": 1}])
def test_a_malformed_kind_filter_is_refused_or_ignored_but_never_breaks(db, people, every_kind, kinds):
    try:
        shown = page(db, people.mentor, people.owner, {"kinds": kinds})
    except InvalidInput as refused:
        assert "kinds" in refused.field_errors
    else:
        assert len(shown.events) in (len(every_kind), len(KIND_FILTERS["asks"]))


def test_an_action_step_shows_on_the_timeline_as_words_not_its_stored_name(db, people, loops):
    reflection.add_action_step(
        db, people.owner, loops[1].id, {"step_description": "Shadow a support shift", "step_due": "tomorrow"}, TODAY
    )
    [shown] = page(db, people.mentor, people.owner).events
    assert (shown.kind, shown.kind_label) == ("action_step", "Action step")


def test_every_kind_of_event_has_a_label_people_read(db, people, every_kind):
    event(db, people.owner, at(10, 2), kind="action_step")
    labels = {e.kind: e.kind_label for e in page(db, people.mentor, people.owner).events}
    assert set(labels) == set(every_kind) | {"action_step"}
    assert all(label[0].isupper() and "_" not in label for label in labels.values()), labels
    assert (labels["action_step"], labels["coe"], labels["delivery"]) == ("Action step", "COE review", "Delivery")


def test_filtering_by_date_range_is_inclusive_in_the_viewers_time_zone(db, people, loops):
    people.manager.time_zone = "Asia/Tokyo"
    event(db, people.owner, at(10, 31, 14, 59), loops[1], summary="Too early")  # 23:59 on 31 Oct in Tokyo
    event(db, people.owner, at(10, 31, 15, 0), loops[1], summary="First of November")
    event(db, people.owner, at(11, 10, 14, 59), loops[1], summary="Last minute of 10 Nov")
    event(db, people.owner, at(11, 10, 15, 0), loops[1], summary="Too late")
    shown = page(db, people.manager, people.owner, {"since": "2026-11-01", "until": "10 November 2026"})
    assert [e.summary for e in shown.events] == ["Last minute of 10 Nov", "First of November"]
    assert [e.summary for e in page(db, people.manager, people.owner, {"since": "2026-11-10"}).events] == [
        "Too late",
        "Last minute of 10 Nov",
    ]
    assert [e.summary for e in page(db, people.manager, people.owner, {"until": "2026-10-31"}).events] == ["Too early"]


@pytest.mark.parametrize(
    "filters, field",
    [
        ({"since": "whenever"}, "since"),
        ({"until": "the other day"}, "until"),
        ({"since": 20261101}, "since"),
        ({"until": ["2026-11-01"]}, "until"),
        ({"since": {"d": 1}}, "since"),
        ({"since": "x" * 500}, "since"),
        ({"since": "2026-11-10", "until": "2026-11-01"}, "until"),
    ],
)
def test_bad_dates_are_refused_by_field(db, people, loops, filters, field):
    with pytest.raises(InvalidInput) as refused:
        page(db, people.owner, people.owner, filters)
    assert field in refused.value.field_errors


@pytest.mark.parametrize("filters", [None, [], "asks", 7])
def test_filters_that_are_not_a_form_show_everything(db, people, loops, filters):
    event(db, people.owner, at(11, 1), loops[1])
    assert len(progress.timeline(db, people.owner, people.owner.id, filters, 0, TODAY).events) == 1


# --- the monthly chart -----------------------------------------------------------------------------------------


def test_monthly_progress_counts_deliveries_and_the_on_time_share_with_late_counting_half(db, people, loops):
    first, second = loops

    def ask(loop, done_at, due_on=None, status="done"):
        db.add(
            ManagerAsk(
                loop_id=loop.id,
                logged_by_id=people.manager.id,
                what="An ask",
                asked_on=dt.date(2025, 1, 1),
                due_on=due_on,
                status=status,
                completed_at=done_at,
            )
        )

    ask(second, at(11, 2), dt.date(2026, 11, 5))  # on time
    ask(second, at(11, 20), None)  # no due date: on time
    ask(second, at(11, 21), dt.date(2026, 11, 10))  # late: counts half
    db.add(
        Recommendation(
            loop_id=second.id,
            recommended_by_id=people.manager.id,
            what="A step",
            status="done",
            due_on=dt.date(2026, 8, 1),
            completed_at=at(8, 2),
        )
    )  # late
    ask(first, at(6, 15), dt.date(2026, 6, 15))  # on time, in a closed loop
    ask(first, dt.datetime(2025, 11, 30, 12, tzinfo=dt.UTC), None)  # before the chart starts
    ask(second, at(10, 1), dt.date(2026, 12, 1), status="in_progress")  # not delivered
    ask(second, None, dt.date(2026, 12, 1), status="done")  # no completion time
    db.flush()
    points = progress.monthly_progress(db, people.mentor, people.owner.id, TODAY)
    assert [p.month for p in points] == [
        "Dec 25",
        "Jan 26",
        "Feb 26",
        "Mar 26",
        "Apr 26",
        "May 26",
        "Jun 26",
        "Jul 26",
        "Aug 26",
        "Sep 26",
        "Oct 26",
        "Nov 26",
    ]
    chart = {p.month: (p.delivered, p.on_time_percent) for p in points}
    assert chart["Nov 26"] == (3, 83)
    assert chart["Aug 26"] == (1, 50)
    assert chart["Jun 26"] == (1, 100)
    assert chart["Oct 26"] == chart["Dec 25"] == (0, 0)
    assert sum(p.delivered for p in points) == 5


def test_monthly_progress_counts_only_the_professionals_own_items(db, make, people, loops):
    theirs = make.loop(people.manager)
    db.add(
        ManagerAsk(
            loop_id=theirs.id,
            logged_by_id=people.manager.id,
            what="Not Ada's",
            asked_on=TODAY,
            status="done",
            completed_at=at(11, 1),
        )
    )
    db.flush()
    assert all(p.delivered == 0 for p in progress.monthly_progress(db, people.owner, people.owner.id, TODAY))


def test_a_note_on_a_timeline_entry_joins_the_thread_of_what_it_records(db, people, loops):
    _, current = loops
    asked = event(db, people.owner, at(11, 1), current, kind="ask")
    asked.subject_kind, asked.subject_id = "ask", 7
    talked = event(db, people.owner, at(11, 2), current, kind="feedback")
    talked.subject_kind, talked.subject_id = "growth_conversation", 3
    stage = event(db, people.owner, at(11, 3), current, kind="stage")
    deleted = event(db, people.owner, at(11, 4), current, kind="deleted")
    deleted.subject_kind = "ask"  # its words and its id were scrubbed
    outside = event(db, people.owner, at(11, 5), None, kind="grant")
    db.flush()
    threads = {e.id: (e.thread_kind, e.thread_id) for e in page(db, people.mentor, people.owner).events}
    assert [threads[e.id] for e in (asked, talked, stage, deleted, outside)] == [
        ("ask", 7),
        ("conversation", 3),
        ("loop", current.id),
        ("loop", current.id),
        ("", 0),
    ]
