"""On SQLite, a transaction that reads takes no lock, one that writes queues for the writer's lock,
and a read that turns out to write after someone else wrote is run again as a write."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlmodel import select

from magicloop import db as database
from magicloop.db import make_engine, transaction
from magicloop.models import Organisation, User, metadata
from magicloop.services import accounts
from magicloop.state import runner


@pytest.fixture
def sqlite_file(tmp_path, monkeypatch):
    path = tmp_path / "magicloop.db"
    engine = make_engine(f"sqlite:///{path}")
    metadata.create_all(engine)
    monkeypatch.setattr(database, "get_engine", lambda: engine)
    yield path, engine
    engine.dispose()


def other_writer(path) -> sqlite3.Connection:
    """Another process's connection that gives up at once when the lock is taken."""
    return sqlite3.connect(path, timeout=0.05, isolation_level=None)


def write_from_elsewhere(path, name: str) -> None:
    other = other_writer(path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO organisation (name, created_at) VALUES (?, '2026-11-22 00:00:00')", (name,))
    other.execute("COMMIT")
    other.close()


def test_a_read_leaves_the_lock_free_and_a_write_holds_it(sqlite_file):
    path, engine = sqlite_file
    with transaction(engine, write=False) as db:
        db.exec(select(Organisation)).all()
        write_from_elsewhere(path, "Written while a page was read")
    with transaction(engine) as db:
        db.exec(select(Organisation)).all()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            write_from_elsewhere(path, "Refused while a write is under way")
    with transaction(engine) as db:
        assert db.exec(select(Organisation.name)).all() == ["Written while a page was read"]


def test_a_read_that_writes_after_someone_else_did_runs_again_as_a_write(sqlite_file):
    path, engine = sqlite_file
    with transaction(engine) as db:
        organisation = Organisation(name="Acme Support")
        db.add(organisation)
        db.flush()
        user = User(organisation_id=organisation.id, email="ada@acme.test", display_name="Ada", password_hash="x")
        db.add(user)
        db.flush()
        token = accounts.start_session(db, user)
    attempts = []

    def rename(db, user):
        attempts.append(user.display_name)
        if len(attempts) == 1:
            write_from_elsewhere(path, "Meanwhile")  # after this transaction began reading
        user.display_name = "Ada Lovelace"
        db.add(user)
        db.flush()
        return user.display_name

    outcome = asyncio.run(runner.run_for_token(token, rename, write=False))
    assert outcome.ok and outcome.value == "Ada Lovelace"
    assert len(attempts) == 2
    with transaction(engine) as db:
        assert db.exec(select(User.display_name)).all() == ["Ada Lovelace"]


def test_a_worker_opens_its_first_database_connection_as_it_starts(sqlite_file):
    _path, engine = sqlite_file
    engine.dispose()  # as a new worker's engine: no connection yet
    assert engine.pool.checkedin() == 0
    asyncio.run(database.connect_at_start())
    assert engine.pool.checkedin() == 1  # kept in the pool for the first person's event
