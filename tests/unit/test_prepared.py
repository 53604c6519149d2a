"""What runs on every event or page is built once: the session lookup, the viewer's relation to an owner,
the unread count, the dashboard's counts, a team at a glance, a loop's comment counts. Building a statement
again costs as much as running it on SQLite (services/prepared.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy.sql.selectable import Select
from sqlmodel import Session

from magicloop.models import User
from magicloop.services import accounts, comments, dashboard, loops, notifications, policy, team


@pytest.fixture
def statements_built(monkeypatch) -> Callable[[], int]:
    built = []
    original = Select.__init__

    def counted(self, *args, **kwargs) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Select, "__init__", counted)
    return lambda: len(built)


def test_an_events_session_relation_and_unread_count_build_no_statement_the_second_time(
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
            before = statements_built()
            user = accounts.resolve_session(event_db, token)
            relations = policy.relations_to(event_db, user, owner, now=dt.datetime.now(dt.UTC))
            managers = policy.current_manager_ids(event_db, owner.id, dt.date.today())
            found = user.id, relations, managers, notifications.unread_count(event_db, user)
            return found, statements_built() - before

    one_event()
    found, built = one_event()
    assert found == (manager.id, frozenset({policy.Relation.MANAGER}), [manager.id], 0)
    assert built == 0


def test_a_dashboards_counts_a_managers_reports_and_a_loops_threads_build_no_statement_the_second_time(
    engine, make, statements_built
):
    organisation = make.organisation()
    manager, report = make.user(organisation), make.user(organisation, "Pat Pro")
    make.reporting_line(manager, report)
    loop_id = make.loop(report).id

    def one_page() -> tuple[tuple, int]:
        with Session(engine) as page_db:
            viewer, owner = page_db.get(User, manager.id), page_db.get(User, report.id)
            owner_of_loop = loops.load_loop(page_db, viewer, loop_id)
            before = statements_built()
            found = (
                dashboard.feedback_counts(page_db, owner),
                [person.name for person in team.direct_reports(page_db, viewer, dt.date.today())],
                comments.thread_counts(page_db, viewer, owner_of_loop.id).counts,
            )
            return found, statements_built() - before

    one_page()
    found, built = one_page()
    assert found == ((0, 0, False, 0), ["Pat Pro"], {})
    assert built == 0
