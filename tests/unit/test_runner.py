"""Where service calls run: SQLite's work on one thread in arrival order (more would only queue
on its one writer's lock), a server database's on several, and password hashing apart from both."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import pytest

from magicloop.config import get_settings
from magicloop.state import runner


@pytest.fixture
def database(monkeypatch):
    def use(url: str) -> None:
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        runner._pool.cache_clear()

    yield use
    get_settings.cache_clear()
    runner._pool.cache_clear()


@pytest.mark.parametrize(
    "url, data_threads", [("sqlite:///data/magicloop.db", 1), ("postgresql+psycopg://db.example/magicloop", 8)]
)
def test_service_threads_fit_the_database(database, url, data_threads):
    database(url)
    assert runner._pool("data")._max_workers == data_threads
    assert runner._pool("accounts")._max_workers == 2
    assert runner._pool("data") is not runner._pool("accounts")


def test_a_flood_of_sign_ins_is_turned_away_at_once_past_the_queue(monkeypatch):
    """Two threads hash; past ACCOUNTS_QUEUE waiting, a sign-in is refused without waiting its turn."""
    monkeypatch.setattr(runner, "ACCOUNTS_QUEUE", 4)
    monkeypatch.setattr(runner, "transaction", lambda: contextlib.nullcontext(None))
    release = threading.Event()

    def hashing(_db, n: int) -> int:
        release.wait(timeout=10)
        return n

    async def flood() -> list[runner.Outcome]:
        calls = [asyncio.ensure_future(runner.run_public(hashing, n)) for n in range(10)]
        await asyncio.sleep(0.05)  # all queued or turned away
        release.set()
        return await asyncio.gather(*calls)

    outcomes = asyncio.run(flood())

    assert [o.value for o in outcomes if o.ok] == [0, 1, 2, 3]
    assert {o.message for o in outcomes if not o.ok} == {runner.BUSY}
    assert runner._accounts_queued == 0
