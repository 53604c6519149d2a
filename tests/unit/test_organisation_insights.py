"""What an admin sees of the organisation: loops per stage, closure, median loop length and the spread of the
last quarter's Success Index — each hidden where it would count fewer than three people, and never anyone's
content."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from magicloop.models import Loop, ManagerAsk, Organisation, Stage
from magicloop.services.errors import Forbidden
from magicloop.services.organisation_insights import HIDDEN, organisation_insights

NOW = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)
SECRET = "Lead the churn task force"


def person(make, db, org, name: str, stage: Stage = Stage.ASK, on_time: bool = True, closed_days: int = 0) -> Loop:
    """Someone with a loop under way at `stage`, one ask due last quarter (delivered on time or late),
    and, with `closed_days`, a loop before it that took that long."""
    user = make.user(org, name)
    if closed_days:
        started = NOW - dt.timedelta(days=closed_days + 10)
        db.add(
            Loop(
                owner_id=user.id,
                number=1,
                goal=SECRET,
                started_at=started,
                closed_at=started + dt.timedelta(days=closed_days),
            )
        )
    loop = Loop(owner_id=user.id, number=2, goal=SECRET, stage=stage)
    db.add(loop)
    db.flush()
    delivered = dt.datetime(2026, 7, 30, tzinfo=dt.UTC) if on_time else dt.datetime(2026, 8, 10, tzinfo=dt.UTC)
    db.add(
        ManagerAsk(
            loop_id=loop.id,
            logged_by_id=user.id,
            what=SECRET,
            asked_on=dt.date(2026, 7, 1),
            due_on=dt.date(2026, 8, 1),
            status="done",
            completed_at=delivered,
            created_at=dt.datetime(2026, 7, 1, tzinfo=dt.UTC),
        )
    )
    db.commit()
    return loop


@pytest.fixture
def org(db, people):
    return db.get(Organisation, people.admin.organisation_id)


def figures(insights) -> dict[str, str]:
    shown = {f.label: f.shown for f in insights.stages + insights.index_bands}
    shown |= {f.label: f.shown for f in (insights.closure, insights.reply_days, insights.loop_days)}
    return shown


def test_figures_counting_fewer_than_three_people_are_hidden(make, db, people, org):
    for n in range(3):
        person(make, db, org, f"Asker {n}", Stage.IMPLEMENT, on_time=True, closed_days=30 + n)
    for n in range(2):
        person(make, db, org, f"Grower {n}", Stage.GROW, on_time=False)

    shown = figures(organisation_insights(db, people.admin, NOW))

    assert shown["Implement"] == "3" and shown["Ask how to grow"] == HIDDEN and shown["Reflect"] == HIDDEN
    assert shown["90–100 %"] == "3 people" and shown["50–74 %"] == HIDDEN and shown["0–49 %"] == HIDDEN
    assert (shown["Closed with a reply"], shown["Median days to reply"]) == ("100 %", "29 days")
    assert shown["Median loop length"] == "31 days"


def test_a_small_organisation_sees_no_figure_at_all(make, db, people, org):
    for n in range(2):
        person(make, db, org, f"Pro {n}", Stage.IMPLEMENT, closed_days=20)
    insights = organisation_insights(db, people.admin, NOW)
    assert set(figures(insights).values()) == {HIDDEN}
    assert all(f.value is None for f in insights.stages + insights.index_bands)
    assert insights.quarter == "2026 Q3"


def test_no_ones_content_reaches_the_admin(make, db, people, org):
    for n in range(4):
        person(make, db, org, f"Pro {n}", closed_days=20)
    assert SECRET not in json.dumps(dataclasses.asdict(organisation_insights(db, people.admin, NOW)))


def test_other_organisations_and_disabled_people_are_not_counted(make, db, people, org):
    elsewhere = make.organisation("Globex")
    for n in range(3):
        person(make, db, elsewhere, f"Elsewhere {n}", Stage.IMPLEMENT)
    assert figures(organisation_insights(db, people.admin, NOW))["Implement"] == HIDDEN
    loops = [person(make, db, org, f"Pro {n}", Stage.IMPLEMENT) for n in range(3)]
    assert figures(organisation_insights(db, people.admin, NOW))["Implement"] == "3"
    owner = db.get(type(people.owner), loops[0].owner_id)
    owner.disabled_at = NOW
    db.add(owner)
    db.commit()
    assert figures(organisation_insights(db, people.admin, NOW))["Implement"] == HIDDEN


@pytest.mark.parametrize("who", ["owner", "manager", "mentor", "stranger"])
def test_only_the_organisations_admins_see_its_aggregates(db, people, who):
    with pytest.raises(Forbidden):
        organisation_insights(db, getattr(people, who), NOW)
