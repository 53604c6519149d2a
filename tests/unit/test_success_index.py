"""The Success Index: per professional and calendar quarter, the committed items (asks, recommendations and
action steps due in it) delivered on time count 1, late ½, not delivered 0; the index is the share in percent.
In a running quarter it is the index so far: items still open and not yet due are not counted."""

from __future__ import annotations

import datetime as dt

import pytest

from magicloop.models import ActionStep, CarriedItem, ManagerAsk, Recommendation
from magicloop.services import insights, success_index, tracking
from magicloop.services.errors import Forbidden, NotFound
from magicloop.services.quarters import Quarter, review_due, trend
from magicloop.services.success_index import LATE, MISSED, ON_TIME, OPEN, OVERDUE
from tests.support import BAD_IDS

Q3, Q4 = Quarter(2026, 3), Quarter(2026, 4)


def at(month: int, day: int, hour: int = 12, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def add(db, loop, kind: str, what: str, due: dt.date, done: dt.datetime | None = None):
    """An item of `kind` due on `due`, delivered at `done` (None: not delivered)."""
    if kind == "action_step":
        item = ActionStep(loop_id=loop.id, description=what, due_on=due, done_at=done)
    else:
        model = ManagerAsk if kind == "ask" else Recommendation
        extra = (
            {"logged_by_id": loop.owner_id, "asked_on": due} if kind == "ask" else {"recommended_by_id": loop.owner_id}
        )
        item = model(
            loop_id=loop.id, what=what, due_on=due, status="done" if done else "in_progress", completed_at=done, **extra
        )
    db.add(item)
    db.commit()
    return item


def index(db, owner, quarter: Quarter, today: dt.date) -> success_index.QuarterIndex:
    return success_index.of_quarters(db, owner, [quarter], today)[0]


def outcomes(result: success_index.QuarterIndex) -> dict[str, tuple[str, str]]:
    return {item.what: (item.outcome, item.points) for item in result.committed}


# --- on time, late, missing --------------------------------------------------------------------------------------


def test_on_time_counts_one_late_a_half_and_missing_nothing_once_the_quarter_has_ended(db, people, loop):
    add(db, loop, "ask", "NPS read-out", dt.date(2026, 10, 10), at(10, 9))
    add(db, loop, "recommendation", "Present at the guild", dt.date(2026, 11, 1), at(11, 3))
    add(db, loop, "action_step", "Shadow five calls", dt.date(2026, 12, 1))
    add(db, loop, "ask", "Due on the day", dt.date(2026, 12, 31), at(12, 31, 20))

    result = index(db, people.owner, Q4, dt.date(2027, 1, 5))

    assert (result.percent, result.counted, result.points, result.still_open, result.running) == (63, 4, 2.5, 0, False)
    assert outcomes(result) == {
        "NPS read-out": (ON_TIME, "1"),
        "Present at the guild": (LATE, "½"),
        "Shadow five calls": (MISSED, "0"),
        "Due on the day": (ON_TIME, "1"),
    }
    delivered = {item.what: item.delivered for item in result.committed}
    assert delivered["NPS read-out"] == "9 Oct 2026" and delivered["Shadow five calls"] == ""
    assert result.committed[0].link.startswith(f"/loop?id={loop.id}&stage=2&item=ask-")


def test_an_item_delivered_after_its_quarter_ended_raises_that_quarters_index_by_a_half(db, people, loop):
    add(db, loop, "ask", "Late one", dt.date(2026, 9, 20), at(10, 4))
    assert (
        index(db, people.owner, Q3, dt.date(2026, 10, 5)).percent,
        index(db, people.owner, Q4, dt.date(2026, 10, 5)).counted,
    ) == (50, 0)


@pytest.mark.parametrize(("zone", "outcome"), [("Europe/Berlin", LATE), ("America/New_York", ON_TIME)])
def test_the_due_date_is_the_professionals_day(db, people, loop, zone, outcome):
    people.owner.time_zone = zone
    db.add(people.owner)
    db.commit()
    add(db, loop, "ask", "Delivered near midnight", dt.date(2026, 11, 1), at(11, 1, 23, 30))  # Berlin: 2 Nov
    assert outcomes(index(db, people.owner, Q4, dt.date(2027, 1, 5)))["Delivered near midnight"][0] == outcome


def test_done_without_a_completion_time_or_undone_again_is_not_delivered(db, people, loop):
    reopened = add(db, loop, "ask", "Reopened", dt.date(2026, 10, 1), at(9, 30))
    reopened.status = "in_progress"
    db.add(reopened)
    db.commit()
    assert outcomes(index(db, people.owner, Q4, dt.date(2027, 1, 5))) == {"Reopened": (MISSED, "0")}


# --- the running quarter: the index so far -----------------------------------------------------------------------


def test_a_running_quarter_counts_what_is_delivered_or_due_and_names_what_is_still_open(db, people, loop):
    add(db, loop, "ask", "Delivered early", dt.date(2026, 12, 20), at(12, 1))
    add(db, loop, "recommendation", "Overdue", dt.date(2026, 11, 30))
    add(db, loop, "action_step", "Due later", dt.date(2026, 12, 15))
    add(db, loop, "action_step", "Due today", dt.date(2026, 12, 3))

    result = index(db, people.owner, Q4, dt.date(2026, 12, 3))

    assert (result.percent, result.counted, result.still_open, result.running) == (50, 2, 2, True)
    assert outcomes(result) == {
        "Overdue": (OVERDUE, "0"),
        "Delivered early": (ON_TIME, "1"),
        "Due today": (OPEN, ""),
        "Due later": (OPEN, ""),
    }


def test_a_quarter_with_nothing_counted_yet_has_no_index(db, people, loop):
    add(db, loop, "ask", "Due later", dt.date(2026, 12, 15))
    result = index(db, people.owner, Q4, dt.date(2026, 12, 3))
    assert (result.percent, result.counted, result.still_open) == (None, 0, 1)
    assert index(db, people.owner, Q3, dt.date(2026, 12, 3)).committed == []


# --- items moved between quarters, deleted, carried, undated -----------------------------------------------------


def test_an_item_whose_due_date_moves_counts_in_the_quarter_of_its_new_date(db, people, loop):
    ask_id = tracking.log_item(
        db,
        people.manager,
        "ask",
        loop.id,
        {"what": "Own the CSAT read-out", "due_on": "2026-12-20"},
        dt.date(2026, 12, 3),
    )
    db.commit()
    assert [i.what for i in index(db, people.owner, Q4, dt.date(2026, 12, 3)).committed] == ["Own the CSAT read-out"]

    tracking.edit_item(
        db,
        people.manager,
        "ask",
        ask_id,
        {"what": "Own the CSAT read-out", "due_on": "2027-01-15"},
        dt.date(2026, 12, 3),
    )
    db.commit()

    assert index(db, people.owner, Q4, dt.date(2026, 12, 3)).committed == []
    assert [i.due for i in index(db, people.owner, Quarter(2027, 1), dt.date(2026, 12, 3)).committed] == ["15 Jan 2027"]


def test_a_deleted_item_does_not_count(db, people, loop):
    add(db, loop, "ask", "Kept", dt.date(2026, 10, 10), at(10, 9))
    ask_id = tracking.log_item(
        db, people.manager, "ask", loop.id, {"what": "Deleted", "due_on": "2026-12-20"}, dt.date(2026, 12, 3)
    )
    db.commit()
    tracking.delete_item(db, people.manager, "ask", ask_id)
    db.commit()
    assert outcomes(index(db, people.owner, Q4, dt.date(2027, 1, 5))) == {"Kept": (ON_TIME, "1")}


def test_a_carried_item_counts_once_and_an_item_without_a_due_date_not_at_all(make, db, people, loop):
    carried = add(db, loop, "ask", "Carried", dt.date(2026, 11, 1), at(11, 1))
    later = make.loop(people.owner, number=2)
    db.add(CarriedItem(loop_id=later.id, item_kind="ask", item_id=carried.id))
    db.add(ManagerAsk(loop_id=later.id, logged_by_id=people.owner.id, what="Undated", asked_on=dt.date(2026, 11, 1)))
    db.commit()
    assert outcomes(index(db, people.owner, Q4, dt.date(2027, 1, 5))) == {"Carried": (ON_TIME, "1")}


def test_other_peoples_items_stay_out(make, db, people, loop):
    add(db, make.loop(people.manager), "ask", "The manager's own", dt.date(2026, 11, 1), at(11, 1))
    assert index(db, people.owner, Q4, dt.date(2027, 1, 5)).committed == []


# --- the trend on the insights page, and who sees it -------------------------------------------------------------


def test_the_insights_page_shows_eight_quarters_ending_with_the_running_one(db, people, loop):
    add(db, loop, "ask", "Two years ago", dt.date(2025, 1, 10), at(1, 9, year=2025))
    add(db, loop, "ask", "Too long ago", dt.date(2024, 12, 30), at(12, 1, year=2024))
    view = insights.open_insights(db, people.manager, people.owner.id, now=at(12, 3))
    assert [q.key for q in view.pictures.index] == [q.key for q in trend(Q4)] and view.pictures.index[0].key == "2025Q1"
    assert (view.quarter, view.owner_name, view.is_owner) == ("2026Q4", "Ada Owner", False)
    assert [q.percent for q in view.pictures.index] == [100, *[None] * 7]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("owner", True), ("manager", True), ("mentor", True), ("stranger", False), ("former", False)]
    + [("expired_mentor", False), ("revoked_mentor", False), ("admin", False), ("outsider_admin", False)],
)
def test_insights_are_for_the_professional_their_manager_and_mentors(db, people, loop, who, allowed):
    actor = getattr(people, who)
    if allowed:
        assert insights.open_insights(db, actor, people.owner.id).owner_id == people.owner.id
    else:
        with pytest.raises(Forbidden):
            insights.open_insights(db, actor, people.owner.id)


@pytest.mark.parametrize("bad", [b for b in BAD_IDS if b is not None])
def test_a_bad_person_is_not_found(db, people, bad):
    with pytest.raises(NotFound):
        insights.open_insights(db, people.owner, bad)


def test_no_person_means_ones_own_insights(db, people, loop):
    assert insights.open_insights(db, people.owner, None).is_owner


# --- quarters ----------------------------------------------------------------------------------------------------


def test_quarters_are_named_and_counted_as_people_do():
    assert (Q4.first_day, Q4.last_day, Q4.label, Q4.shifted(1).key, Quarter(2026, 1).shifted(-1).key) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
        "2026 Q4",
        "2027Q1",
        "2025Q4",
    )
    assert Quarter.parse("2026Q4") == Q4 and Quarter.of(dt.date(2026, 2, 28)) == Quarter(2026, 1)
    for bad in ("2026Q5", "2026q4", "26Q4", "", None, 2026, "1999Q1"):
        with pytest.raises(NotFound):
            Quarter.parse(bad)


def test_the_review_reminder_runs_in_a_quarters_last_two_weeks():
    assert review_due(dt.date(2026, 12, 17)) is None
    assert review_due(dt.date(2026, 12, 18)) == Q4 and review_due(dt.date(2026, 12, 31)) == Q4
    assert review_due(dt.date(2027, 1, 1)) is None and review_due(dt.date(2027, 3, 20)) == Quarter(2027, 1)
