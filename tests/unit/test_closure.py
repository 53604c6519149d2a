"""Feedback closure: the share of asks and recommendations closed with a reply (an ask by its delivery, a
recommendation by the closing reply) and the median days it took — for the professional, and for a manager
across their team."""

from __future__ import annotations

import datetime as dt

import pytest

from magicloop.models import ManagerAsk, Organisation, Recommendation
from magicloop.services import closure, insights, team
from magicloop.services.quarters import Quarter

NOW = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)


def at(month: int, day: int, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, 9, tzinfo=dt.UTC)


def ask(db, loop, logged: dt.datetime, delivered: dt.datetime | None = None, status: str = "done"):
    db.add(
        ManagerAsk(
            loop_id=loop.id,
            logged_by_id=loop.owner_id,
            what="An ask",
            asked_on=logged.date(),
            created_at=logged,
            status=status if delivered else "in_progress",
            completed_at=delivered,
        )
    )


def recommendation(db, loop, logged: dt.datetime, replied: dt.datetime | None = None):
    db.add(
        Recommendation(
            loop_id=loop.id, recommended_by_id=loop.owner_id, what="A step", created_at=logged, replied_at=replied
        )
    )


@pytest.fixture
def given(db, people, loop):
    """Over the last year: two asks delivered (after 2 and 10 days), one still open; a recommendation replied
    to after 4 days, one not yet; and one ask from before the year, which is left out."""
    ask(db, loop, at(11, 1), at(11, 3))
    ask(db, loop, at(2, 1), at(2, 11))
    ask(db, loop, at(11, 20))
    recommendation(db, loop, at(10, 1), at(10, 5))
    recommendation(db, loop, at(11, 25))
    ask(db, loop, at(12, 1, 2025), at(12, 2, 2025))
    db.commit()


def test_the_share_closed_and_the_median_days_to_close(db, people, given):
    view = insights.open_insights(db, people.owner, None, now=NOW)
    assert (
        view.pictures.closure.given,
        view.pictures.closure.closed,
        view.pictures.closure.percent,
        view.pictures.closure.median_days,
    ) == (5, 3, 60, 4.0)
    assert [(c.label, c.given, c.closed) for c in view.pictures.closure_parts] == [
        ("2026 Q1", 1, 1),  # the year starts with the quarter three before this one
        ("2026 Q2", 0, 0),
        ("2026 Q3", 0, 0),
        ("2026 Q4", 4, 2),
    ]
    assert view.pictures.closure_parts[1].percent is None and view.pictures.closure_parts[1].median_days is None


def test_a_delivery_undone_again_no_longer_closes_its_ask(db, people, loop):
    ask(db, loop, at(11, 1), at(11, 3), status="in_progress")
    db.commit()
    assert closure.closure(closure.feedback_given(db, [people.owner.id], dt.date(2026, 1, 1), NOW.date())).closed == 0


def test_nothing_given_has_no_share(db, people, loop):
    assert closure.closure([]) == closure.Closure("", 0, 0, None, None)


def test_a_manager_sees_closure_across_their_team(make, db, people, given):
    org = db.get(Organisation, people.owner.organisation_id)
    bea = make.user(org, "Bea Report")
    make.reporting_line(people.manager, bea)
    page = team.team_page(db, people.manager, NOW.date())
    assert [(c.label, c.given, c.percent) for c in page.closure] == [("Ada Owner", 5, 60), ("Bea Report", 0, None)]
    assert (page.team_closure.label, page.team_closure.given) == ("Your team", 5)
    assert [r.person.name for r in page.reports] == ["Ada Owner", "Bea Report"]
    assert team.team_page(db, people.mentor, NOW.date()).closure == []


def test_the_window_is_this_quarter_and_the_three_before():
    assert [q.key for q in closure.window(dt.date(2026, 12, 3))] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    assert closure.window(dt.date(2027, 1, 1))[0] == Quarter(2026, 2)
