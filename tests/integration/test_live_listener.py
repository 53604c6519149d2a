"""A tab's listener lives as long as the tab, not as long as the page it was started on.

Reflex cancels the unfinished on_load chain of a tab's page when the tab moves to another
page. A listener chained from an on_load handler would be cancelled on every click, and with
Redis its cancelled wait for the tab's state lock left the tab's next event waiting out the
lock's whole expiry (10 s). Here the real event processor runs the pages' on_load handlers
with the real listener (not the stand-in the other handler tests use).
"""

from __future__ import annotations

import asyncio
import types

import pytest

import magicloop.broadcast
from magicloop import broadcast, routes
from magicloop.state import live
from tests.integration import test_handlers_refuse as everyone
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Server,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
)
from tests.integration.test_handlers_refuse import O, World

world = everyone.world


@pytest.fixture
def listening(server: Server, monkeypatch) -> set[str]:
    """The real listener; the tabs in the returned set count as connected."""
    connected: set[str] = set()
    monkeypatch.setattr(magicloop.broadcast, "is_listening", lambda token: token in broadcast._listeners)
    app = types.SimpleNamespace(
        event_processor=server.processor, event_namespace=types.SimpleNamespace(token_to_sid=connected)
    )
    monkeypatch.setattr(live, "_app", lambda: app)
    return connected


def test_the_listener_outlives_moving_to_another_page(world: World, server: Server, listening: set[str]):
    tab = world.tab(server, O)
    listening.add(tab.client_token)
    opened = tab.open(routes.DASHBOARD)
    assert not opened.errors, opened.describe()  # the page load does not wait for the listener
    server.run(_settle())
    listener = broadcast._listeners.get(tab.client_token)
    assert listener is not None

    for path, query in ((routes.LOOP, {"id": world.loop_id}), (routes.DASHBOARD, {})):
        moved = tab.open(path, **query)
        assert not moved.errors, moved.describe()
        server.run(_settle())
        assert broadcast._listeners.get(tab.client_token) is listener  # the same one, still listening

    assert listener.topics == frozenset(tab.state(live.LiveState)._topics)  # told what the new page shows


async def _settle() -> None:
    """Let the background listener reach its wait (or, were it cancelled, its end)."""
    for _ in range(20):
        await asyncio.sleep(0.01)
