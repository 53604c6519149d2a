"""Fixtures shared by every test: a database per test, small factories and a local mail server.

Service tests run on SQLite in memory, and again on PostgreSQL when
TEST_DATABASE_URL names a server (the test command sets it when one answers).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import time_machine
from aiosmtpd.handlers import Message
from sqlalchemy.engine import Engine
from sqlmodel import Session

from magicloop.config import get_settings
from magicloop.db import make_engine
from magicloop.models import (
    Loop,
    MentorGrant,
    Organisation,
    ReportingLine,
    User,
    metadata,
    utcnow,
)
from magicloop.services.competencies import seed_default_framework
from magicloop.services.security import get_password_hash
from tests.browser import CHROMIUM, CHROMIUM_ARGS, OpenPages, closing_within
from tests.clock import NOON
from tests.mail import mail_sink
from tests.support import empty_every_table

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
E2E_DIR = Path(__file__).parent / "e2e"
PASSWORD = "plum orchard violin 42"
_PASSWORD_HASH = get_password_hash(PASSWORD)


def pytest_report_header(config) -> str:
    if PG_URL:
        return f"PostgreSQL: service tests also run against {PG_URL.rsplit('@', 1)[-1]}"
    return "PostgreSQL: TEST_DATABASE_URL is not set, so service tests run on SQLite only"


def pytest_collection_modifyitems(items) -> None:
    """Browser tests last: Playwright's synchronous API keeps an event loop running in this
    thread from the first one on, and the in-process handler tests need to run their own.
    Everything in tests/e2e drives the app the e2e session starts once, so it comes after any test
    that builds and runs an app of its own: a build replaces the frontend files the running app serves."""
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: (item.get_closest_marker("e2e") is not None, item.path.is_relative_to(E2E_DIR)))


def pytest_generate_tests(metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if PG_URL else [])
        marks = {"postgresql": [pytest.mark.postgres]}
        metafunc.parametrize("backend", [pytest.param(b, marks=marks.get(b, [])) for b in backends])


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine]:
    engine = make_engine(PG_URL)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    yield engine
    metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def _sqlite_schema() -> Iterator[sqlite3.Connection]:
    """Every table, created once: each test's in-memory database starts as a copy, some 30 times quicker."""
    engine = make_engine("sqlite://")
    metadata.create_all(engine)
    schema = sqlite3.connect(":memory:", check_same_thread=False)
    with closing(engine.raw_connection()) as connection:
        connection.driver_connection.backup(schema)
    engine.dispose()
    yield schema
    schema.close()


@pytest.fixture
def engine(backend: str, request) -> Iterator[Engine]:
    if backend == "sqlite":
        engine = make_engine("sqlite://")
        with closing(engine.raw_connection()) as connection:
            request.getfixturevalue("_sqlite_schema").backup(connection.driver_connection)
            # Rows a query does not order come back in reverse, so a test (or a page) that relies on
            # an order nobody asked for fails every time here rather than now and then on PostgreSQL.
            connection.driver_connection.execute("PRAGMA reverse_unordered_selects=ON")
        yield engine
        engine.dispose()
        return
    engine = request.getfixturevalue("_pg_engine")
    yield engine
    empty_every_table(engine)


@pytest.fixture
def shared_engine(backend: str, engine: Engine, tmp_path) -> Iterator[Engine]:
    """An engine that several threads can use at once, as several app workers would: a file for SQLite,
    the server for PostgreSQL."""
    if backend == "postgresql":
        yield engine
        return
    shared = make_engine(f"sqlite:///{tmp_path / 'shared.db'}")
    metadata.create_all(shared)
    yield shared
    shared.dispose()


@pytest.fixture
def at_noon() -> Iterator[None]:
    """The clock at `tests.clock.NOON`, ticking: for modules whose dates follow the real clock."""
    with time_machine.travel(NOON, tick=True):
        yield


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


class Factory:
    """Builds people and relationships directly, bypassing the services under test."""

    def __init__(self, db: Session):
        self.db = db
        self._count = 0

    def organisation(self, name: str = "Acme Support") -> Organisation:
        organisation = Organisation(name=name)
        self.db.add(organisation)
        self.db.flush()
        seed_default_framework(self.db, organisation)
        self.db.commit()
        return organisation

    def user(self, organisation: Organisation, name: str = "", *, admin: bool = False, email: str = "") -> User:
        self._count += 1
        name = name or f"Person {self._count}"
        user = User(
            organisation_id=organisation.id,
            email=email or f"{name.split()[0].lower()}{self._count}@acme.test",
            display_name=name,
            password_hash=_PASSWORD_HASH,
            is_admin=admin,
        )
        self.db.add(user)
        self.db.commit()
        return user

    def reporting_line(
        self, manager: User, report: User, starts_on: dt.date | None = None, ends_on: dt.date | None = None
    ) -> ReportingLine:
        line = ReportingLine(
            organisation_id=manager.organisation_id,
            manager_id=manager.id,
            report_id=report.id,
            starts_on=starts_on or dt.date(2026, 1, 1),
            ends_on=ends_on,
        )
        self.db.add(line)
        self.db.commit()
        return line

    def mentor_grant(
        self, owner: User, mentor: User, *, expires_at: dt.datetime | None = None, revoked: bool = False
    ) -> MentorGrant:
        grant = MentorGrant(
            owner_id=owner.id, mentor_id=mentor.id, expires_at=expires_at, revoked_at=utcnow() if revoked else None
        )
        self.db.add(grant)
        self.db.commit()
        return grant

    def loop(self, owner: User, goal: str = "Lead our VoC programme by Q3", number: int = 1) -> Loop:
        loop = Loop(owner_id=owner.id, number=number, goal=goal)
        self.db.add(loop)
        self.db.commit()
        return loop


@pytest.fixture
def make(db: Session) -> Factory:
    return Factory(db)


class Inbox(Message):
    """What a local mail server received, message by message."""

    def __init__(self):
        super().__init__()
        self.messages = []
        self.settings: dict[str, str] = {}  # the app's SMTP settings that send here, once it listens

    def handle_message(self, message) -> None:
        self.messages.append(message)


@pytest.fixture
def smtp_inbox(monkeypatch) -> Iterator[Inbox]:
    """A mail server on a free loopback port, with the app's SMTP settings pointing at it."""
    with mail_sink(Inbox()) as inbox:
        for name, value in inbox.settings.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        yield inbox
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, started once; browser tests bring their own `app_url`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        with closing_within():
            browser.close()


@pytest.fixture
def new_page(browser, app_url: str) -> Iterator[OpenPages]:
    """Opens pages in separate browser contexts: one person each (see OpenPages)."""
    pages = OpenPages(browser, app_url)
    yield pages
    with closing_within():
        for context in pages.contexts:
            context.close()
    if pages.errors:
        pytest.fail("the pages reported errors:\n" + "\n".join(pages.errors), pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test reports what each of its pages showed and what the app logged meanwhile:
    a failure seen once in a CI run has to be understood from its report alone."""
    outcome = yield
    report = outcome.get_result()
    pages = item.funcargs.get("new_page") if report.when == "call" and report.failed else None
    if isinstance(pages, OpenPages):
        report.sections.append(("what the pages showed", pages.showing()))
        report.sections.append(("what the app logged during the test", pages.app_logged()))
