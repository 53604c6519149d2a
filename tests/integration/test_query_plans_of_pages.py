"""Every statement a page, a dialog, a write or an export sends finds its rows through an index, by the
database's own plan: SQLite's `EXPLAIN QUERY PLAN`, and PostgreSQL's `EXPLAIN` (with sequential scans priced
out, since on a test's small tables a scan is the cheapest plan even where an index would serve a large
organisation).

The statements are the ones the real handlers send, with their parameters, so a new query behind any of them
is checked the day it is written.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

import magicloop
from magicloop import routes
from magicloop.models import metadata
from magicloop.state.exports import ExportState
from tests.integration import test_handlers_refuse as everyone
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Server,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
)
from tests.integration.history import grow_history, grow_people
from tests.integration.test_handlers_refuse import M, O, World
from tests.integration.test_statement_counts import ACTIONS, PEOPLE_PAGES, STEPS, cost, measure, open_page

world = everyone.world

APP = str(Path(magicloop.__file__).parent)
TABLES = set(metadata.tables)
PLANNED = ("SELECT", "WITH", "UPDATE", "DELETE")  # an INSERT finds no rows
PAGES = {  # the pages whose statements are counted, and the others a person opens
    **STEPS,
    "notifications page": (O, lambda w: open_page(routes.NOTIFICATIONS)),
    "security log": ("admin", lambda w: open_page(routes.AUDIT_LOG)),
}


def by_the_app() -> bool:
    """Whether the statement being sent comes from the app's code, not from a test's own lookup."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith(APP):
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def sent(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """The statements the app sends that search for rows, with their parameters."""
    statements: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, many):
        if statement.lstrip().upper().startswith(PLANNED) and by_the_app():
            statements.append((statement, parameters[0] if many else parameters))  # one plan serves them all

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def scanned(engine: Engine, statement: str, parameters: object) -> tuple[set[str], str]:
    """The tables the statement reads from end to end, and its plan."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            lines = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
            pattern = r"\bSCAN (\w+)"
        else:
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            lines = list(connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).scalars())
            pattern = r"Seq Scan on (\w+)"
        connection.rollback()
    return {table for line in lines for table in re.findall(pattern, line)} & TABLES, "\n".join(lines)


def page_or_action(world: World, name: str) -> Callable[[Server], object]:
    """What the person does, once what it opens is made."""
    if name in ACTIONS:
        return lambda server: measure(world, server, name)
    if name in PAGES:
        who, make = PAGES[name]
        step = make(world)
    else:
        who, path, _state, _rows = PEOPLE_PAGES[name]
        grow_people(world, 0, 5)
        step = lambda tab: tab.open(path)  # noqa: E731
    return lambda server: cost(world, server, who, step)


def assert_each_searches_an_index(engine: Engine, statements: list[tuple[str, object]]) -> None:
    assert statements
    scans = {}
    for statement, parameters in statements:
        tables, plan = scanned(engine, statement, parameters)
        if tables:
            scans[statement] = f"{sorted(tables)}\n{plan}"
    assert not scans, "\n\n".join(f"{statement}\n{why}" for statement, why in scans.items())


@pytest.mark.parametrize("name", [*PAGES, *ACTIONS, *PEOPLE_PAGES])
def test_every_statement_of_a_page_or_action_searches_an_index(world: World, server: Server, name: str):
    grow_history(world, 10)  # items, comments and news behind every list, as a year of use leaves them
    act = page_or_action(world, name)
    with sent(world.engine) as statements:
        act(server)
    assert_each_searches_an_index(world.engine, statements)


@pytest.mark.parametrize("write", everyone.WRITES, ids=str)
def test_every_statement_of_every_write_on_the_loop_page_searches_an_index(
    world: World, server: Server, write: everyone.Write
):
    world.end_access()
    tab = world.tab(server, write.allowed[0])
    tab.open(routes.LOOP, id=world.loop_id)
    with sent(world.engine) as statements:
        reply = write.steps(tab, world)
    assert reply.successes and not reply.errors, reply.describe()
    assert_each_searches_an_index(world.engine, statements)


@pytest.mark.parametrize(("read", "who"), [(read, who) for read in everyone.READS for who in read.allowed], ids=str)
def test_every_statement_of_every_page_and_dialog_each_person_opens_searches_an_index(
    world: World, server: Server, read: everyone.Read, who: str
):
    world.end_access()
    tab = world.tab(server, who)
    with sent(world.engine) as statements:
        reply = read.steps(tab, world)
    assert read.shows in everyone.secrets_in(reply), reply.describe()
    assert_each_searches_an_index(world.engine, statements)


# Who asks, and what the export's button sends. Not the organisation's export (an admin's, now and then): it
# reads the audit log whole, found through the organisation, the actor or the person concerned, and indexing
# every sign-in's event twice over for it would cost more than the one scan.
DOWNLOADS = {
    "a growth packet": (M, lambda tab: tab.send(ExportState.export_packet, form={"format": "markdown"})),
    "one's own data": (O, lambda tab: tab.send(ExportState.download, what="mine")),
}


@pytest.mark.parametrize("name", DOWNLOADS)
def test_every_statement_of_an_export_searches_an_index(world: World, server: Server, name: str):
    who, export = DOWNLOADS[name]
    tab = world.tab(server, who)
    tab.open(routes.PROGRESS, person=world.users[O].id)
    with sent(world.engine) as statements:
        reply = export(tab)
    assert reply.successes and not reply.errors, reply.describe()
    assert_each_searches_an_index(world.engine, statements)
