"""Backups (`python -m magicloop.backup`), on SQLite and PostgreSQL: taken while someone keeps
writing, each is the database as of one moment, with every write done before it began and no
write in part; restored, a backup is every table as it was, row by row; and restoring refuses to
replace a database that holds rows unless told to."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session, select

from magicloop import backup
from magicloop.config import PROJECT_ROOT
from magicloop.db import make_engine, transaction
from magicloop.models import Comment, Loop, ManagerAsk, User
from magicloop.prepare import alembic_config
from magicloop.services import comments, tracking
from tests import every_table, throwaway_database
from tests.bench import seed
from tests.companions import half_written

WRITTEN = "Written while backing up"
ROUNDS, WRITES_BETWEEN = 3, 4


@pytest.fixture
def databases(backend: str, tmp_path) -> Iterator[tuple[str, str]]:
    """The app's database, and an empty one to restore into."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.db'}", f"sqlite:///{tmp_path / 'restored.db'}"
        return
    made = [throwaway_database.create(), throwaway_database.create()]
    try:
        yield made[0], made[1]
    finally:
        for url in made:
            throwaway_database.drop(url)


def _migrate(url: str) -> None:
    config = alembic_config()
    engine = make_engine(url)
    config.attributes.update(connection=engine, configure_logger=False)
    command.upgrade(config, "head")
    engine.dispose()


class Writer(threading.Thread):
    """A professional writing all along through the services, each write one transaction: an ask,
    then a comment on it, and so on."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.engine = make_engine(url)
        with Session(self.engine) as db:
            self.loop = db.exec(select(Loop).where(Loop.closed_at.is_(None)).order_by(Loop.id)).first()
        self.begun: list[str] = []  # writes sent to the database
        self.done: list[str] = []  # writes committed
        self.error: BaseException | None = None
        self._changed, self._stopping = threading.Condition(), threading.Event()

    def run(self) -> None:
        try:
            ask_id = None
            for n in itertools.count(1):
                if self._stopping.is_set():
                    return
                words = f"{WRITTEN} {n}"
                with self._changed:
                    self.begun.append(words)
                with transaction(self.engine) as db:
                    owner = db.get(User, self.loop.owner_id)
                    if ask_id is None or n % 2:
                        ask_id = tracking.log_item(db, owner, "ask", self.loop.id, {"what": words}, dt.date.today())
                    else:
                        comments.add_comment(db, owner, "ask", ask_id, {"comment_body": words})
                with self._changed:
                    self.done.append(words)
                    self._changed.notify_all()
        except BaseException as error:
            with self._changed:
                self.error = error
                self._changed.notify_all()

    def so_far(self) -> tuple[set[str], set[str]]:
        """The writes begun, and those done."""
        with self._changed:
            return set(self.begun), set(self.done)

    def wait_for(self, count: int) -> None:
        with self._changed:
            self._changed.wait_for(lambda: len(self.done) >= count or self.error, timeout=120)
        assert self.error is None, f"the writer failed: {self.error!r}"
        assert len(self.done) >= count, "the writer stalled"

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=60)
        self.engine.dispose()
        assert self.error is None, f"the writer failed: {self.error!r}"


def _written(url: str) -> set[str]:
    engine = make_engine(url)
    with Session(engine) as db:
        found = set(db.exec(select(ManagerAsk.what).where(ManagerAsk.what.startswith(WRITTEN))))
        found |= set(db.exec(select(Comment.body).where(Comment.body.startswith(WRITTEN))))
        problems = half_written(db)
        if engine.dialect.name == "sqlite":
            assert db.exec(text("PRAGMA integrity_check")).all() == [("ok",)]
    engine.dispose()
    assert problems == [], "a write kept in part"
    return found


def _rows(url: str) -> every_table.Rows:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = every_table.rows(connection)
    engine.dispose()
    return found


def _fill(url: str, count: int = 2) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        every_table.fill(connection, count)
    engine.dispose()


def _write_once(url: str) -> None:
    writer = Writer(url)
    writer.start()
    writer.wait_for(2)
    writer.stop()


def _command(url: str, *args: str) -> str:
    """`python -m magicloop.backup ...` as a person runs it, on the database at `url`."""
    env = {**os.environ, "DATABASE_URL": url}
    ran = subprocess.run(
        [sys.executable, "-m", "magicloop.backup", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


def test_backups_taken_while_someone_writes_restore_whole(databases, tmp_path, monkeypatch) -> None:
    live, spare = databases
    _migrate(live)
    monkeypatch.setattr(seed, "MANAGERS", 1)
    monkeypatch.setattr(seed, "PROFESSIONALS", 3)
    seed.seed(live, number=4, years=1, long_history=False)
    writer = Writer(live)
    writer.start()
    try:
        for round_ in range(1, ROUNDS + 1):
            writer.wait_for(round_ * WRITES_BETWEEN)
            _, done_before = writer.so_far()
            path = tmp_path / f"while-writing-{round_}.backup"
            backup.create(live, path)
            begun_after, _ = writer.so_far()
            backup.restore(spare, path, force=True)
            kept = _written(spare)
            assert done_before <= kept, "writes done before the backup began are missing"
            assert kept <= begun_after, "the copy holds writes that had not begun when it ended"
    finally:
        writer.stop()

    _fill(live)  # and rows in every table, with every column filled
    before = _rows(live)
    assert all(before.values()), "a table without rows proves nothing"
    path = tmp_path / "quiet.backup"
    assert "Backed up" in _command(live, "create", str(path))
    said = _command(spare, "restore", str(path), "--force")
    assert "Restored" in said and f"{sum(map(len, before.values()))} rows" in said.replace(",", "")
    assert _rows(spare) == before
    _write_once(spare)  # the restored database numbers new rows after the old ones


def test_a_restore_refuses_to_replace_rows_unless_forced(databases, tmp_path) -> None:
    live, spare = databases
    for url in databases:
        _migrate(url)
    _fill(live)
    path = tmp_path / "filled.backup"
    backup.create(live, path)
    with pytest.raises(backup.BackupError, match="already exists"):
        backup.create(live, path)
    backup.restore(spare, path)  # migrated but empty: nothing to lose
    _fill(spare)
    kept = _rows(spare)

    with pytest.raises(backup.BackupError, match="holds .* rows.*--force"):
        backup.restore(spare, path)
    assert _rows(spare) == kept

    backup.restore(spare, path, force=True)
    assert _rows(spare) == _rows(live)
