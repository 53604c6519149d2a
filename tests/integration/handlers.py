"""Drives the app's real Reflex event handlers in-process, the way a browser tab does.

A `Server` is the backend's event processor (Reflex's own BaseStateEventProcessor,
with the app as middleware, as `reflex run` sets it up) over an in-memory state
manager. A `Tab` sends events to it exactly as the browser's socket would: an event
name, a payload of any JSON the client chooses, and the page's router data. Every
event runs the handler, the events it chains (reloads, refreshes) and collects
what the server would send back: state deltas and frontend events (redirects,
toasts), plus any exception that escaped a handler.

`Tab.open` is a page visit: the browser's connect event with the session token
from local storage, then the page's on_load handlers. `Tab.put` sets values in the
tab's state directly: what a tab can hold from when its person still had access,
or, for the worst case, any id at all.

The database is the app's own engine pointed at a temporary SQLite file, or at
the PostgreSQL test database (see the `engine` fixture here and tests/conftest.py).
A test module uses the fixtures here by importing them: `handlers_engine` (which
replaces tests/conftest.py's `engine` there), `handlers_sqlite_file_engine` and
`handlers_server`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex.state import BaseState, State
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.event import Event, EventHandler
from reflex_base.event.processor import BaseStateEventProcessor, EventFuture
from reflex_base.registry import RegistrationContext
from reflex_base.utils.format import format_event_handler
from sqlalchemy import event, select, text
from sqlalchemy.engine import Engine

import magicloop.broadcast
import magicloop.config
import magicloop.db
from magicloop.db import make_engine
from magicloop.magicloop import app
from magicloop.models import metadata
from magicloop.state.auth import AuthState
from tests.support import empty_every_table

EVENT_TIMEOUT_S = 20
# Rows that change on every request, or on sign-in attempts, whoever makes them.
VOLATILE_TABLES = {"authsession", "signinthrottle"}
_TOAST = re.compile(r"""refs\['__toast'\]\?\.\["(\w+)"\]\((.*)\)\)\)$""", re.DOTALL)

# Pages register themselves when the app is compiled; the backend does the same on start.
if not app._load_events:
    app._apply_decorated_pages()


@dataclasses.dataclass
class Reply:
    """What the server sent back for one event and everything it chained."""

    # Each message to the browser, in the order sent: the state that changed and the frontend events.
    updates: list[tuple[dict[str, dict[str, Any]], list[Event]]] = dataclasses.field(default_factory=list)
    errors: list[BaseException] = dataclasses.field(default_factory=list)
    handled: int = 0  # how many events ran: this one and those it chained

    @property
    def events(self) -> list[Event]:
        return [event for _delta, events in self.updates for event in events]

    @property
    def deltas(self) -> list[dict[str, dict[str, Any]]]:
        return [delta for delta, _events in self.updates if delta]

    @property
    def toasts(self) -> list[tuple[str, str]]:
        """(kind, message) for every toast, e.g. ("error", "You don't have access to that.")."""
        found = []
        for sent in self.events:
            if sent.name == "_call_function":
                match = _TOAST.search(str(sent.payload.get("function", "")))
                if match:
                    try:
                        message = json.loads(match.group(2))
                    except ValueError:  # a toast with options: keep the raw arguments
                        message = match.group(2)
                    found.append((match.group(1), message))
        return found

    @property
    def successes(self) -> list[str]:
        return [message for kind, message in self.toasts if kind == "success"]

    @property
    def failures(self) -> list[str]:
        return [message for kind, message in self.toasts if kind == "error"]

    @property
    def redirects(self) -> list[str]:
        return [str(e.payload.get("path")) for e in self.events if e.name == "_redirect"]

    def sent(self, state: type[BaseState], var: str, default: Any = None) -> Any:
        """The last value of `var` the server sent to the browser, or `default`."""
        value = default
        for delta in self.deltas:
            changes = delta.get(state.get_full_name(), {})
            for key in (var, var + FIELD_MARKER):
                if key in changes:
                    value = changes[key]
        return value

    def describe(self) -> str:
        return f"toasts={self.toasts} redirects={self.redirects} errors={self.errors!r}"


class _Browser:
    """Stands in for the Socket.IO namespace: records what would reach the browser."""

    def __init__(self) -> None:
        self.updates: list[tuple[str, Any]] = []

    async def emit_update(self, update, token: str) -> None:
        self.updates.append((token, update))


class Server:
    """The app's event processing, on its own event loop, for one test."""

    def __init__(self) -> None:
        self._runner = asyncio.Runner()
        self._browser = _Browser()
        self.state_manager: StateManagerMemory | None = None
        self.processor: BaseStateEventProcessor | None = None
        self.published: list[tuple[frozenset[str], str]] = []  # each commit's topics and the tab it came from
        self.run(self._start())

    def run(self, coroutine):
        return self._runner.run(coroutine)

    async def _start(self) -> None:
        try:
            RegistrationContext.get()
        except LookupError:  # the states registered elsewhere; the app keeps the registry
            RegistrationContext.set(app._registration_context)
        self.state_manager = StateManagerMemory()
        self.processor = BaseStateEventProcessor(middleware=app, backend_exception_handler=lambda _ex: None)
        self.processor.configure(state_manager=self.state_manager, event_namespace=self._browser)
        await self.processor.start()

    def tab(self, session_token: str = "") -> Tab:
        return Tab(self, session_token)

    def close(self) -> None:
        try:
            self.run(self.processor.stop())
        finally:
            self._runner.close()

    async def send(self, client_token: str, event: Event) -> Reply:
        first = len(self._browser.updates)
        future = await self.processor.enqueue(client_token, event)
        reply = Reply()
        waiting = asyncio.ensure_future(future.wait_all())
        await asyncio.wait([waiting], timeout=EVENT_TIMEOUT_S)
        if waiting.done() and not waiting.cancelled():
            waiting.exception()  # what any handler raised is collected from the futures below
        else:
            waiting.cancel()
        # Let the exception handler tasks of failed handlers finish too.
        for _ in range(5):
            await asyncio.sleep(0)
        reply.errors, reply.handled = _errors_in(future), _count(future)
        reply.updates = [
            (dict(update.delta or {}), list(update.events))
            for token, update in self._browser.updates[first:]
            if token == client_token
        ]
        return reply


def _count(root: EventFuture) -> int:
    count, stack = 0, [root]
    while stack:
        count += 1
        stack.extend(stack.pop().children)
    return count


def _errors_in(root: EventFuture) -> list[BaseException]:
    """Exceptions raised by the handler of this event or of any event it chained."""
    errors, stack = [], [root]
    while stack:
        future = stack.pop()
        if not future.done():
            errors.append(TimeoutError(f"handler still running after {EVENT_TIMEOUT_S}s"))
        elif not future.cancelled() and future.exception() is not None:
            errors.append(future.exception())
        stack.extend(future.children)
    return errors


class Tab:
    """One browser tab: its own client token and state tree, on one page at a time."""

    def __init__(self, server: Server, session_token: str) -> None:
        self.server = server
        self.client_token = str(uuid.uuid4())
        self.session_token = session_token
        self.path, self.query = "/", {}
        self.connected = False
        self._seen = len(server.published)

    def _router_data(self) -> dict[str, Any]:
        as_path = self.path + (f"?{urlencode(self.query)}" if self.query else "")
        return {
            "pathname": self.path,
            "asPath": as_path,
            "query": dict(self.query),
            "token": self.client_token,
            "sid": f"sid-{self.client_token}",
            "ip": "127.0.0.1",
            "headers": {"origin": magicloop.config.get_settings().public_origin},
        }

    def open(self, path: str, **query: Any) -> Reply:
        """Visit a page: connect with the stored session token, then the page's on_load handlers."""
        self.path, self.query, self.connected = path, {k: str(v) for k, v in query.items()}, True
        storage = {f"{AuthState.get_full_name()}.token{FIELD_MARKER}": self.session_token}
        return self.send(State.hydrate_and_load, vars=storage)

    def send(self, handler: EventHandler, **payload: Any) -> Reply:
        """Call an event handler with any payload, from the page this tab is on."""
        self._connect()
        event = Event(name=format_event_handler(handler), router_data=self._router_data(), payload=payload)
        return self.server.run(self.server.send(self.client_token, event))

    def pushed(self) -> Reply:
        """What the tab's listener would hand it: the changes committed since its last
        look that touch what it shows (see magicloop/broadcast.py)."""
        from magicloop.state.live import LiveState

        shown = frozenset(self.state(LiveState)._topics)
        told = [
            magicloop.broadcast.news_for(self.client_token, shown, *change)
            for change in self.server.published[self._seen :]
        ]
        self._seen = len(self.server.published)
        return self.send(LiveState.take, topics=sorted(set().union(*told)))

    def _connect(self) -> None:
        """A browser connects before its first event: on the page it is on ("/" unless opened)."""
        if not self.connected:
            self.open(self.path, **self.query)

    def state(self, cls: type[BaseState]) -> BaseState:
        async def read():
            root = await self.server.state_manager.get_state(BaseStateToken(ident=self.client_token, cls=cls))
            return await root.get_state(cls)

        return self.server.run(read())

    def put(self, cls: type[BaseState], **values: Any) -> None:
        self._connect()

        async def write():
            token = BaseStateToken(ident=self.client_token, cls=cls)
            async with self.server.state_manager.modify_state(token) as root:
                substate = await root.get_state(cls)
                for name, value in values.items():
                    setattr(substate, name, value)
                root._clean()  # held already: not sent again with the next event

        self.server.run(write())


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table but the volatile ones, in id order (raw SQL: it runs often)."""
    names = [table.name for table in metadata.sorted_tables if table.name not in VOLATILE_TABLES]
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":  # one round trip
            row = connection.exec_driver_sql(
                "SELECT "
                + ", ".join(
                    f"(SELECT coalesce(json_agg(t ORDER BY t.id), '[]')::text FROM \"{name}\" t)" for name in names
                )
            ).one()
            return {name: [tuple(r.values()) for r in json.loads(rows)] for name, rows in zip(names, row, strict=True)}
        return {
            name: [tuple(r) for r in connection.exec_driver_sql(f'SELECT * FROM "{name}" ORDER BY id')]
            for name in names
        }


def changes(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> dict[str, dict[str, list[tuple]]]:
    """Rows added and removed per table between two snapshots."""
    found = {}
    for name, rows in before.items():
        old, new = set(rows), set(after[name])
        if old != new:
            found[name] = {"added": sorted(new - old, key=repr), "removed": sorted(old - new, key=repr)}
    return found


def dump(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, to put back later with `restore`."""
    with engine.connect() as connection:
        return {
            table.name: [dict(row._mapping) for row in connection.execute(select(table))]
            for table in metadata.sorted_tables
        }


def restore(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Put dumped rows back into empty tables, ids and all."""
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if rows[table.name]:
                connection.execute(table.insert(), rows[table.name])
        if engine.dialect.name == "postgresql":  # new rows continue after the restored ids
            for table in metadata.sorted_tables:
                if "id" in table.c:
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'coalesce(max(id), 0) + 1, false) FROM "{table.name}"'
                        )
                    )


@pytest.fixture(scope="session", name="sqlite_file_engine")
def handlers_sqlite_file_engine(tmp_path_factory) -> Iterator[Engine]:
    """One SQLite file for the run, so SQLAlchemy compiles each statement once."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('handlers') / 'magicloop.db'}")

    @event.listens_for(engine, "connect")
    def _no_fsync(dbapi_connection, _record):  # a test database need not survive a power cut
        dbapi_connection.execute("PRAGMA synchronous=OFF")

    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture(name="engine")
def handlers_engine(backend: str, request, tmp_path, monkeypatch) -> Iterator[Engine]:
    """The app's own engine for this test (overrides tests/conftest.py's): a SQLite
    file, or the PostgreSQL test database. Services, handlers and factories share it,
    and it is emptied after each test."""
    if backend == "sqlite":
        engine = request.getfixturevalue("sqlite_file_engine")
    else:
        engine = request.getfixturevalue("_pg_engine")
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("MAGICLOOP_DATA_DIR", str(tmp_path))
    for name in ("MAGICLOOP_SMTP_HOST", "MAGICLOOP_DEMO"):
        monkeypatch.delenv(name, raising=False)
    original_get_engine = magicloop.db.get_engine
    magicloop.config.get_settings.cache_clear()
    original_get_engine.cache_clear()
    monkeypatch.setattr(magicloop.db, "get_engine", lambda: engine)
    yield engine
    magicloop.config.get_settings.cache_clear()
    original_get_engine.cache_clear()
    empty_every_table(engine)


@pytest.fixture(name="server")
def handlers_server(engine: Engine, monkeypatch) -> Iterator[Server]:
    """Tabs here are driven one event at a time: instead of a listener in the
    background, `Tab.pushed` hands a tab the changes committed since its last look."""
    running = Server()
    monkeypatch.setattr(
        magicloop.broadcast, "publish", lambda topics, origin="": running.published.append((topics, origin))
    )
    monkeypatch.setattr(magicloop.broadcast, "is_listening", lambda _token: True)
    yield running
    running.close()
