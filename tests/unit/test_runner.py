"""Where service calls run: SQLite's work on one thread in arrival order (more would only queue
on its one writer's lock), a server database's on several, and password hashing apart from both."""

from __future__ import annotations

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
