"""The lookups the pages make find their rows through an index, not a scan of the table (SQLite's plan)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, text
from sqlmodel import Session

from magicloop.db import make_engine
from magicloop.models import (
    ActionStep,
    CarriedItem,
    Comment,
    GrowthConversation,
    Idea,
    Loop,
    ManagerAsk,
    MentorGrant,
    Organisation,
    Recommendation,
    ReportingLine,
    Stage,
    TimelineEvent,
    User,
    metadata,
    utcnow,
)
from magicloop.services import dashboard, mentoring, roster, team
from magicloop.services.competencies import seed_default_framework
from magicloop.services.quarters import Quarter

LOOKUPS = {
    "a deleted item's history": (
        "SELECT id FROM timelineevent WHERE subject_kind = 'ask' AND subject_id = 1",
        "ix_timelineevent_subject",
    ),
    "the loops an item was carried into": (
        "SELECT loop_id FROM carrieditem WHERE item_kind = 'ask' AND item_id = 1",
        "ix_carrieditem_item",
    ),
    "an item's COE review": (
        "SELECT id FROM coereview WHERE subject_kind = 'ask' AND subject_id = 1",
        "ix_coereview_subject",
    ),
    "the inbox, newest first": (
        "SELECT id FROM notification WHERE recipient_id = 1 ORDER BY created_at DESC, id DESC LIMIT 21",
        "ix_notification_recipient_created",
    ),
}


@pytest.fixture(scope="module")
def sqlite():
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("lookup", LOOKUPS)
def test_each_lookup_searches_its_index_instead_of_scanning(sqlite, lookup):
    query, index = LOOKUPS[lookup]
    with sqlite.connect() as connection:
        plan = " / ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    assert f"INDEX {index}" in plan and "SCAN" not in plan and "TEMP B-TREE" not in plan, plan


# --- the pages that list people: every statement searches an index, whatever the team's size ----------------

TABLES = set(metadata.tables)


def _coached_world(db: Session) -> User:
    """A manager who also mentors their report, whose loop has an item of every kind."""
    org = Organisation(name="Acme")
    db.add(org)
    db.flush()
    seed_default_framework(db, org)  # the version its loops start on
    manager, report = (
        User(organisation_id=org.id, email=f"{name}@acme.test", display_name=name, password_hash="-", is_admin=True)
        for name in ("Max Manager", "Ada Owner")
    )
    db.add_all([manager, report])
    db.flush()
    today = utcnow().date()
    loop = Loop(owner_id=report.id, number=1, goal="Lead VoC", stage=Stage.GROW)
    db.add_all(
        [
            ReportingLine(organisation_id=org.id, manager_id=manager.id, report_id=report.id, starts_on=today),
            MentorGrant(owner_id=report.id, mentor_id=manager.id),
            loop,
        ]
    )
    db.flush()
    ask = ManagerAsk(loop_id=loop.id, logged_by_id=manager.id, what="Ask", asked_on=today, due_on=today)
    db.add_all(
        [
            ask,
            Recommendation(loop_id=loop.id, recommended_by_id=manager.id, what="Rec", due_on=today),
            ActionStep(loop_id=loop.id, description="Step", due_on=today),
            Idea(loop_id=loop.id, author_id=report.id, proposal="Idea"),
            GrowthConversation(loop_id=loop.id, recorded_by_id=manager.id, held_on=today),
            Comment(loop_id=loop.id, author_id=manager.id, subject_kind="loop", subject_id=loop.id, body="?"),
            TimelineEvent(owner_id=report.id, actor_id=report.id, loop_id=loop.id, kind="ask", summary="News"),
            CarriedItem(loop_id=loop.id, item_kind="ask", item_id=1),
        ]
    )
    db.flush()
    return manager


def test_the_pages_listing_people_never_scan_a_table(sqlite):
    seen: list[tuple[str, object]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    with Session(sqlite) as db:
        manager = _coached_world(db)
        today = utcnow().date()
        event.listen(sqlite, "before_cursor_execute", grab)
        try:
            assert len(team.team_page(db, manager, today).reports) == len(mentoring.list_mentees(db, manager)) == 1
            dashboard.home(db, manager, today)
            dashboard.home(db, manager, Quarter.of(today).last_day)  # with the quarter's review due
            roster.roster(db, manager, today)
        finally:
            event.remove(sqlite, "before_cursor_execute", grab)
        for statement, parameters in seen:
            plan = db.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            scanned = {name for row in plan for name in re.findall(r"\bSCAN (\w+)", row[-1])} & TABLES
            assert not scanned, f"{statement}\n" + "\n".join(row[-1] for row in plan)
