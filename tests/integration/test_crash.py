"""A crash in the middle of people's writes loses no write anyone saw done and leaves none in part.

The production server runs on its own SQLite database (the embedded default, WAL mode). Tabs that
speak Reflex's Socket.IO protocol (tests/bench/client.py), each signed in with its own session,
write at once: a manager logs asks on a report's loop and comments, the reports record progress on
an ask and comment. A write is acknowledged when the update that shows it reaches its tab. Once
enough writes are acknowledged while others are still on their way, every process of the app is
killed (SIGKILL). Started again on the same data, the app takes writes, and its database passes
`PRAGMA integrity_check`, holds every acknowledged write, none that no tab began, and no write in part.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sqlite3
import threading
from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from magicloop.db import make_engine
from magicloop.models import Comment, ManagerAsk, ProgressUpdate
from tests.bench import client, personas, seed
from tests.browser import app_process
from tests.companions import half_written

pytestmark = pytest.mark.production
ACKNOWLEDGED_BEFORE_THE_CRASH = 30
IN_FLIGHT_AT_THE_CRASH = 3
WORDS = "Before the crash"


class Ledger:
    """Every write as its tab knows it, begun then acknowledged; the crash comes, once, with the
    acknowledgement that makes enough while others are begun and unanswered."""

    def __init__(self, crash: Callable[[], None]) -> None:
        self.crash = crash
        self.begun: list[str] = []
        self.acknowledged: set[str] = set()
        self.in_flight_at_crash: set[str] = set()
        self.crashed = asyncio.Event()

    def begin(self, words: str) -> None:
        self.begun.append(words)

    def acknowledge(self, words: str) -> None:
        self.acknowledged.add(words)
        self._crash_when_due()

    def _crash_when_due(self) -> None:
        in_flight = set(self.begun) - self.acknowledged
        enough = len(self.acknowledged) >= ACKNOWLEDGED_BEFORE_THE_CRASH
        if enough and len(in_flight) >= IN_FLIGHT_AT_THE_CRASH and not self.crashed.is_set():
            self.crash()
            self.in_flight_at_crash = in_flight
            self.crashed.set()


async def _write_until_the_crash(url: str, cast: list[personas.Persona], ledger: Ledger) -> None:
    tabs = [client.Tab(url, persona.storage) for persona in cast]
    untimed = _Untimed()
    await asyncio.gather(*(personas.open_pages(tab, p, untimed) for tab, p in zip(tabs, cast, strict=True)))

    async def write(tab: client.Tab, persona: personas.Persona) -> None:
        for n in itertools.count(1):
            words = f"{WORDS}: {persona.user_id}/{persona.loop_id} #{n}"
            ledger.begin(words)
            if n % 2 == 0:
                await personas.say(tab, words)
            elif persona.manager:
                await personas.log_ask(tab, words)
            else:
                await personas.record_progress(tab, persona, n % 100, words)
            ledger.acknowledge(words)

    writers = [asyncio.create_task(write(tab, p)) for tab, p in zip(tabs, cast, strict=True)]
    crashed = asyncio.create_task(ledger.crashed.wait())
    await asyncio.wait([crashed, *writers], return_when=asyncio.FIRST_COMPLETED)
    for task in writers:
        task.cancel()
    failures = [t.exception() for t in writers if t.done() and not t.cancelled() and t.exception()]
    assert ledger.crashed.is_set(), f"a tab failed before the crash: {failures!r}"
    for tab in tabs:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(tab.close(), 5)


class _Untimed:
    """Opens pages without keeping their times."""

    async def time(self, _name: str, work) -> None:
        await work


def _in_a_thread(work) -> None:
    """Runs a coroutine on an event loop of its own, apart from any loop the browser tests keep."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(work)
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _written(url: str) -> tuple[set[str], list[str]]:
    """Our writes the database holds, and what it holds of writes in part."""
    engine = make_engine(url)
    with Session(engine) as db:
        found = set(db.exec(select(ManagerAsk.what).where(ManagerAsk.what.startswith(WORDS))))
        found |= set(db.exec(select(ProgressUpdate.note).where(ProgressUpdate.note.startswith(WORDS))))
        found |= set(db.exec(select(Comment.body).where(Comment.body.startswith(WORDS))))
        problems = half_written(db)
    engine.dispose()
    return found, problems


def test_a_crash_mid_burst_loses_no_acknowledged_write_and_leaves_none_in_part(tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    url = f"sqlite:///{data / 'app.db'}"
    monkeypatch.setattr(seed, "MANAGERS", 1)
    monkeypatch.setattr(seed, "PROFESSIONALS", 5)
    with app_process(data, "crash-app", backend_only=True) as app:
        cast = personas.cast(url, seed.seed(url, number=9, years=1, long_history=False), 6)
        ledger = Ledger(app.crash)
        _in_a_thread(_write_until_the_crash(app.url, cast, ledger))
    assert len(ledger.in_flight_at_crash) >= IN_FLIGHT_AT_THE_CRASH

    with app_process(data, "crash-app-restarted", backend_only=True) as app:
        manager = next(p for p in cast if p.manager)

        async def log_one_more() -> None:
            tab = client.Tab(app.url, manager.storage)
            await tab.open("/")
            await personas.open_loop_page(tab, manager)
            await personas.log_ask(tab, "After the crash: the app takes writes again")
            await tab.close()

        _in_a_thread(log_one_more())
        with contextlib.closing(sqlite3.connect(data / "app.db")) as database:
            assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert database.execute("PRAGMA foreign_key_check").fetchall() == []
        found, half = _written(url)
    assert ledger.acknowledged <= found, "acknowledged writes lost in the crash"
    assert found <= set(ledger.begun), "writes nobody began"
    assert half == [], "writes kept in part"
