"""What runs on every event or page is built once: the session lookup, the viewer's relation to an owner,
who they are, the tab's status and reminders, and every statement of the dashboard, the loop page, the
timeline and a comment thread. Building a statement again costs as much as running it on SQLite
(services/prepared.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy.sql.selectable import Select
from sqlmodel import Session

from magicloop.models import Loop, Organisation, User
from magicloop.services import accounts, dashboard, loop_page, notifications, policy, progress_page, threads


@pytest.fixture
def statements_built(monkeypatch) -> Callable[[], int]:
    built = []
    original = Select.__init__

    def counted(self, *args, **kwargs) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Select, "__init__", counted)
    return lambda: len(built)


def test_an_events_session_relation_status_and_reminders_build_no_statement_the_second_time(
    engine, db, make, statements_built
):
    organisation = make.organisation()
    manager, report = make.user(organisation), make.user(organisation)
    make.reporting_line(manager, report)
    token = accounts.start_session(db, manager)
    db.commit()

    def one_event() -> tuple[tuple, int]:
        """What the event found, and how many statements it built on the way."""
        with Session(engine) as event_db:  # each event has a transaction of its own
            owner = event_db.get(User, report.id)  # (the ORM's own lookup by id builds its statement each time)
            event_db.get(Organisation, organisation.id)
            before = statements_built()
            user = accounts.resolve_session(event_db, token)
            relations = policy.relations_to(event_db, user, owner, now=dt.datetime.now(dt.UTC))
            managers = notifications.current_manager_ids(event_db, owner.id, dt.date.today())
            described = accounts.describe(event_db, user)
            reminded = notifications.remind_due(event_db, owner, dt.date.today())
            found = user.id, relations, managers, described.manages, reminded, notifications.live_status(event_db, user)
            return found, statements_built() - before

    one_event()
    found, built = one_event()
    assert found == (manager.id, frozenset({policy.Relation.MANAGER}), [manager.id], True, 0, (0, [report.id]))
    assert built == 0


def test_the_dashboard_loop_page_timeline_and_threads_build_no_statement_the_second_time(
    engine, make, statements_built
):
    organisation = make.organisation()
    manager, report = make.user(organisation), make.user(organisation, "Pat Pro")
    make.reporting_line(manager, report)
    loop_id = make.loop(report).id
    today = dt.date.today()

    def one_page(viewer_id: int, page: Callable) -> tuple[object, int]:
        with Session(engine) as page_db:
            viewer = page_db.get(User, viewer_id)
            page_db.get(User, report.id)  # (the ORM's own lookup by id builds its statement each time)
            page_db.get(Loop, loop_id)
            before = statements_built()
            return page(page_db, viewer), statements_built() - before

    pages = {
        "the professional's dashboard": (report.id, lambda db, viewer: dashboard.home(db, viewer, today)),
        "the manager's dashboard": (manager.id, lambda db, viewer: dashboard.home(db, viewer, today)),
        "the loop page": (report.id, lambda db, viewer: loop_page.open_loop_page(db, viewer, loop_id, today)),
        "the timeline": (manager.id, lambda db, viewer: progress_page.open_progress(db, viewer, report.id, {}, today)),
        "a comment thread": (manager.id, lambda db, viewer: threads.list_comments(db, viewer, "loop", loop_id)),
    }
    for name, (viewer_id, page) in pages.items():
        first, _ = one_page(viewer_id, page)
        again, built = one_page(viewer_id, page)
        assert again == first, name
        assert built == 0, f"{name} built {built} statements again"
