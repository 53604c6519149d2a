"""Two saves racing between one's read and its write. The version check in the service cannot see a save that
commits after it looked; SQLAlchemy's own check in the UPDATE can (StaleDataError), and the runner turns it
into the same refusal a stale form gets — never a stack trace, never "latest wins"."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from magicloop import db as database
from magicloop.db import transaction
from magicloop.models import ManagerAsk, TimelineEvent, User, metadata
from magicloop.services import accounts, tracking
from magicloop.services.versions import CHANGED, Changed, Conflict, Shown
from magicloop.state import runner
from tests.clock import NOON
from tests.conftest import PG_URL, Factory
from tests.support import counts, empty_every_table, fresh

pytestmark = pytest.mark.usefixtures("at_noon")
TODAY = NOON.date()


@pytest.fixture
def pg_engine(request) -> Iterator[Engine]:
    """The PostgreSQL test database as the app's own, emptied afterwards."""
    engine = request.getfixturevalue("_pg_engine")
    yield engine
    empty_every_table(engine)


def _ask_and_token(engine: Engine) -> tuple[int, str]:
    """A professional's ask, and a signed-in session of theirs."""
    with Session(engine, expire_on_commit=False) as db:
        make = Factory(db)
        owner = make.user(make.organisation(), "Ada Owner")
        ask = tracking.log_item(db, owner, "ask", make.loop(owner).id, {"what": "Clean up the backlog"}, TODAY)
        token = accounts.start_session(db, owner)
        db.commit()
    return ask, token


def _save(token: str, fn, *args) -> runner.Outcome:
    return asyncio.run(runner.run_for_token(token, fn, *args))


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="needs the PostgreSQL server that TEST_DATABASE_URL names")
def test_on_postgresql_a_save_overtaken_between_its_read_and_its_write_is_refused_with_theirs(monkeypatch, pg_engine):
    """Both tabs opened the ask at version 1. The slower save has read it when the other commits; its UPDATE
    then matches no row, it is run again from the top, and the service refuses it with the other's text."""
    monkeypatch.setattr(database, "get_engine", lambda: pg_engine)
    ask, token = _ask_and_token(pg_engine)
    attempts: list[int] = []

    def slower_save(db, user, form):
        db.get(ManagerAsk, ask)  # read at version 1
        attempts.append(1)
        if len(attempts) == 1:  # the other tab's save commits now, once
            with transaction(pg_engine) as other:
                theirs = {"what": "Theirs, saved first", "version": "1"}
                tracking.edit_item(other, other.get(User, user.id), "ask", ask, theirs, TODAY)
        tracking.edit_item(db, user, "ask", ask, form, TODAY)

    outcome = _save(token, slower_save, {"what": "Mine, saved second", "version": "1"})

    assert len(attempts) == 2, "run again only after its UPDATE matched no row"
    assert outcome.message == CHANGED and not outcome.ok
    assert Shown("What", "Theirs, saved first") in outcome.changed.fields and outcome.changed.version == 2
    with transaction(pg_engine) as db:
        assert db.get(ManagerAsk, ask).what == "Theirs, saved first"
        assert db.get(ManagerAsk, ask).version == 2


def test_on_sqlite_the_second_save_waits_for_the_first_and_is_refused_with_it(tmp_path):
    """SQLite has one writer: the second save's transaction waits for the first's lock, so it reads the
    version the first wrote and the service refuses it."""
    engine = database.make_engine(f"sqlite:///{tmp_path / 'race.db'}")
    metadata.create_all(engine)
    ask, _token = _ask_and_token(engine)
    owner_id = fresh(engine, ManagerAsk, ask).logged_by_id
    first_has_read, outcomes = threading.Event(), {}

    def save(name: str, after: threading.Event | None = None) -> None:
        if after is not None:
            after.wait(5)
        try:
            with transaction(engine) as db:
                user = db.get(User, owner_id)
                db.get(ManagerAsk, ask)
                if after is None:
                    first_has_read.set()
                    threading.Event().wait(0.3)  # the second is waiting for the lock meanwhile
                tracking.edit_item(db, user, "ask", ask, {"what": name, "version": "1"}, TODAY)
            outcomes[name] = "saved"
        except Conflict as refused:
            outcomes[name] = refused.changed

    threads = [
        threading.Thread(target=save, args=("First",)),
        threading.Thread(target=save, args=("Second", first_has_read)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert outcomes["First"] == "saved"
    assert isinstance(outcomes["Second"], Changed) and Shown("What", "First") in outcomes["Second"].fields
    with transaction(engine) as db:
        assert db.get(ManagerAsk, ask).what == "First"
    engine.dispose()


def test_a_save_overtaken_twice_running_is_refused_calmly(monkeypatch):
    """Run again once; overtaken again, it is refused all the same, with no trace for the person."""
    attempts = []

    def always_overtaken(_db, _user):
        attempts.append(1)
        raise StaleDataError("UPDATE statement on table 'managerask' expected to update 1 row(s); 0 were matched.")

    monkeypatch.setattr(runner, "transaction", lambda **_kwargs: contextlib.nullcontext(None))
    monkeypatch.setattr(runner, "resolve_session", lambda _db, _token: None)
    outcome = _save("token", always_overtaken)
    assert len(attempts) == 2
    assert (outcome.message, outcome.ok, outcome.changed) == (CHANGED, False, Changed())
    assert runner.UNEXPECTED not in outcome.message


def test_a_stale_form_through_the_runner_brings_back_what_it_now_reads(monkeypatch, engine):
    monkeypatch.setattr(database, "get_engine", lambda: engine)
    ask, token = _ask_and_token(engine)

    def edit(db, user, form):
        return tracking.edit_item(db, user, "ask", ask, form, TODAY)

    assert _save(token, edit, {"what": "Theirs", "version": "1"}).ok
    events = counts(engine, TimelineEvent)
    refused = _save(token, edit, {"what": "Mine", "version": "1"})
    assert (refused.message, refused.field_errors, refused.forbidden) == (CHANGED, {}, False)
    assert refused.changed.version == 2 and Shown("What", "Theirs") in refused.changed.fields
    assert counts(engine, TimelineEvent) == events
    assert fresh(engine, ManagerAsk, ask).what == "Theirs"
