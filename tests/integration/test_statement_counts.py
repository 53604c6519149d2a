"""How many SQL statements (and events) a page load or an action costs, through the real handlers.

The count must not grow with history: the same page with ten times the items, comments and
timeline behind it costs the same, and a page listing people costs the same for five as for fifty.
The ceilings are today's numbers; lower them as the pages get cheaper (the targets: dashboard 8,
loop page 15, team page 12, timeline page 6, insights and review pages 12, the culture pulse pages 9, an action
12). A page is counted as a person opens it
from another page of an open tab; a tab's first page also learns who is signed in and their unread
count, once, in the same transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from reflex.istate.manager.token import BaseStateToken
from reflex.state import State
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import CacheStats
from sqlmodel import Session

from magicloop import routes
from magicloop.models import ManagerAsk, User
from magicloop.services import notifications
from magicloop.services.quarters import Quarter
from magicloop.state.admin import AdminState
from magicloop.state.auth import AuthState
from magicloop.state.comments import CommentsState
from magicloop.state.forgetting import _app_states, forget_shown
from magicloop.state.items import ItemsState, TrackedItemState
from magicloop.state.live import LiveState
from magicloop.state.loop import LoopState
from magicloop.state.people import MenteesState, TeamState
from tests.integration import test_handlers_refuse as everyone
from tests.integration.handlers import (  # noqa: F401  (the handlers_* fixtures)
    Server,
    Tab,
    handlers_engine,
    handlers_server,
    handlers_sqlite_file_engine,
)
from tests.integration.history import grow_history, grow_people
from tests.integration.test_handlers_refuse import M, O, T, World, a_pulse, due, today
from tests.support import fresh

world = everyone.world

CEILINGS = {  # the targets, measured 2026-11-23 moving between pages in an open tab; an action with what it sends back
    "dashboard (professional)": 7,
    "dashboard (manager)": 7,
    "loop page": 15,
    "team page": 7,
    "timeline page": 6,
    "insights page": 9,
    "insights page (manager)": 11,
    "review page": 11,
    "organisation insights": 7,
    "pulse list": 4,
    "pulse page (runner)": 9,
    "pulse page (asked)": 8,
    "framework page": 6,
    "log an ask": 12,
    "record progress": 11,
    "comment": 12,
}


@contextlib.contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@contextlib.contextmanager
def began_and_sent(world: World) -> Iterator[tuple[list[object], list[str]]]:
    """The transactions begun and the statements sent meanwhile."""
    began: list[object] = []
    begin = began.append
    event.listen(world.engine, "begin", begin)
    try:
        with counted(world.engine) as statements:
            yield began, statements
    finally:
        event.remove(world.engine, "begin", begin)


def cost(world: World, server: Server, who: str, step) -> int:
    tab = world.tab(server, who)
    # Writes made at most once a minute or once a day (the session's last-seen time, due
    # reminders) happen here, before the count, whenever the session was last used.
    tab.open(routes.SETTINGS)
    with counted(world.engine) as statements:
        reply = step(tab)
    assert not reply.errors, reply.describe()
    return len(statements)


def open_page(path: str, **query):
    return lambda tab: tab.open(path, **query)


STEPS = {
    "insights page": (O, lambda w: open_page(routes.INSIGHTS)),
    "insights page (manager)": (M, lambda w: open_page(routes.INSIGHTS, person=w.users[O].id)),
    "review page": (M, lambda w: open_page(routes.REVIEW, person=w.users[O].id, quarter=Quarter.of(today()).key)),
    "organisation insights": ("admin", lambda w: open_page(routes.ORGANISATION_INSIGHTS)),
    "pulse list": (O, lambda w: open_page(routes.PULSE)),
    "pulse page (runner)": (O, lambda w: open_page(routes.PULSE_VIEW, id=a_pulse(w))),
    "pulse page (asked)": (M, lambda w: open_page(routes.PULSE_VIEW, id=a_pulse(w))),
    "framework page": ("admin", lambda w: open_page(routes.FRAMEWORK)),
    "dashboard (professional)": (O, lambda w: open_page(routes.DASHBOARD)),
    "dashboard (manager)": (M, lambda w: open_page(routes.DASHBOARD)),
    "loop page": (O, lambda w: open_page(routes.LOOP, id=w.loop_id)),
    "team page": (M, lambda w: open_page(routes.TEAM)),
    "timeline page": (M, lambda w: open_page(routes.PROGRESS, person=w.users[O].id)),
}
PROGRESS = {"status": "in_progress", "percent": "60", "note": "Halfway"}
ACTIONS = {  # who, the dialog open on the loop page, the action
    "log an ask": (M, None, lambda w: (ItemsState.log_ask, {"form": {"what": "Own the CES pilot", "due_on": due()}})),
    "record progress": (
        O,
        lambda w: (TrackedItemState.open_progress, {"kind": "ask", "item_id": w.ask_blocked, "title": "Ask"}),
        lambda w: (TrackedItemState.record_progress, {"form": {**PROGRESS, **opened_at(w, w.ask_blocked)}}),
    ),
    "comment": (
        M,
        lambda w: (CommentsState.open_thread, {"kind": "loop", "subject_id": w.loop_id, "title": "Loop"}),
        lambda w: (CommentsState.save, {"form": {"comment_body": "Nice"}}),
    ),
}


def opened_at(w: World, ask_id: int) -> dict[str, str]:
    """The version the progress dialog opened at, as its form carries it (read before counting)."""
    return {"version": str(fresh(w.engine, ManagerAsk, ask_id).version)}


def measure(world: World, server: Server, name: str) -> int:
    if name in STEPS:
        who, make = STEPS[name]
        return cost(world, server, who, make(world))
    who, dialog, make = ACTIONS[name]
    tab = world.tab(server, who)
    tab.open(routes.LOOP, id=world.loop_id)
    if dialog:
        opener, arguments = dialog(world)
        tab.send(opener, **arguments)
    handler, payload = make(world)
    with counted(world.engine) as statements:
        reply = tab.send(handler, **payload)
    assert not reply.errors and reply.successes, reply.describe()
    return len(statements)


@pytest.mark.parametrize("name", [*STEPS, *ACTIONS])
def test_a_page_or_action_costs_the_same_with_ten_times_the_history(world: World, server: Server, name: str):
    small = measure(world, server, name)
    grow_history(world, 30)
    large = measure(world, server, name)
    assert large == small, f"{name}: {small} statements with a small history, {large} with ten times more"
    assert small <= CEILINGS[name], f"{name}: {small} statements (ceiling {CEILINGS[name]})"


@pytest.mark.parametrize("name", STEPS)
def test_a_page_is_one_transaction_that_takes_no_write_lock(world: World, server: Server, name: str, backend: str):
    who, make = STEPS[name]
    tab = world.tab(server, who)
    tab.open(routes.SETTINGS)
    step = make(world)  # what it opens may be made first, in a transaction of its own
    began: list[object] = []

    def begin(connection) -> None:
        began.append(connection)

    event.listen(world.engine, "begin", begin)
    try:
        with counted(world.engine) as statements:
            step(tab)
    finally:
        event.remove(world.engine, "begin", begin)
    assert len(began) == 1, f"{name}: {len(began)} transactions"
    if backend == "sqlite":
        assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN DEFERRED"]


def test_pages_reuse_their_compiled_statements(world: World, server: Server):
    """SQLAlchemy compiles each statement once: the second look at a page builds no SQL."""
    missed: list[str] = []

    def note(_conn, _cursor, statement, _parameters, context, _many):
        if context.cache_hit != CacheStats.CACHE_HIT and not statement.startswith("BEGIN"):
            missed.append(f"{context.cache_hit.name}: {statement}")

    steps = [(who, make(world)) for who, make in STEPS.values()]
    for who, step in steps:
        step(world.tab(server, who))  # the first look compiles
    event.listen(world.engine, "after_cursor_execute", note)
    try:
        for who, step in steps:
            step(world.tab(server, who))
    finally:
        event.remove(world.engine, "after_cursor_execute", note)
    assert missed == []


# --- the pages that list people cost the same for 5 people as for 50 -----------------------------------------

PEOPLE_CEILINGS = {  # measured 2026-11-22 with 50 people listed (the team page's closure since 2026-12-03)
    "team page": 7,
    "mentees page": 4,
    "people page (admin)": 6,
}
PEOPLE_PAGES = {  # who opens it, where, and the list that shows one row a person
    "team page": (M, routes.TEAM, TeamState, "reports"),
    "mentees page": (T, routes.MENTEES, MenteesState, "mentees"),
    "people page (admin)": ("admin", routes.ADMIN, AdminState, "people"),
}


@pytest.mark.parametrize("name", PEOPLE_PAGES)
def test_a_page_listing_people_costs_the_same_for_five_more_people_as_for_fifty(
    world: World, server: Server, name: str
):
    who, path, state, rows = PEOPLE_PAGES[name]
    listed: list[int] = []

    def open_list(tab: Tab):
        reply = tab.open(path)
        listed.append(len(reply.sent(state, rows, [])))
        return reply

    grow_people(world, 0, 5)
    five = cost(world, server, who, open_list)
    grow_people(world, 5, 50)
    fifty = cost(world, server, who, open_list)
    assert listed[1] == listed[0] + 45, f"{name}: {listed} rows listed"
    assert fifty == five, f"{name}: {five} statements with five more people, {fifty} with fifty"
    assert fifty <= PEOPLE_CEILINGS[name], f"{name}: {fifty} statements (ceiling {PEOPLE_CEILINGS[name]})"


def test_the_organisations_insights_cost_the_same_for_five_more_people_as_for_fifty(world: World, server: Server):
    """Aggregates are counted over everyone at once, never person by person."""
    grow_people(world, 0, 5)
    five = cost(world, server, "admin", open_page(routes.ORGANISATION_INSIGHTS))
    grow_people(world, 5, 50)
    fifty = cost(world, server, "admin", open_page(routes.ORGANISATION_INSIGHTS))
    assert fifty == five <= CEILINGS["organisation insights"], (five, fifty)


@pytest.mark.parametrize("name", STEPS)
def test_a_page_opens_in_one_event_of_its_own(world: World, server: Server, name: str):
    """Each event takes the tab's state lock, loads and stores its state and sends a message: a page's
    opening handlers (who is signed in, the page, the tab's listener) run as one. The other three are
    Reflex's: the page's state (hydrate_and_load), its on_load list (on_load_internal) and the flag
    that it has loaded (set_is_hydrated)."""
    who, make = STEPS[name]
    tab = world.tab(server, who)
    tab.open(routes.SETTINGS)
    reply = make(world)(tab)
    assert not reply.errors, reply.describe()
    assert reply.handled == 4, f"{name}: {reply.handled} events"


@pytest.mark.parametrize("name", ["dashboard (manager)", "loop page", "timeline page"])
def test_a_tabs_first_page_is_read_in_one_transaction(world: World, server: Server, name: str):
    """A new tab reads who is signed in, its page, the unread count and the day's due reminders in one
    transaction, where they took three."""
    who, make = STEPS[name]
    with Session(world.engine) as db:
        unread = notifications.unread_count(db, db.get(User, world.users[who].id))
    tab = world.tab(server, who)  # a new tab
    with began_and_sent(world) as (began, statements):
        reply = make(world)(tab)
    assert not reply.errors, reply.describe()
    assert len(began) == 1, statements
    assert tab.state(LiveState).unread == unread
    assert tab.state(AuthState).me.id == world.users[who].id


def test_a_page_load_marks_changed_only_the_states_it_forgets_something_of(world: World, server: Server):
    """Every page load forgets what the tab's pages showed (state/hydrate.py); a state marked changed is
    diffed, and with Redis written back, so one that shows nothing yet is left alone."""
    tab = world.tab(server, O)
    tab.open(routes.LOOP, id=world.loop_id)

    async def forget() -> list[str]:
        root = await server.state_manager.get_state(BaseStateToken(ident=tab.client_token, cls=State))
        await forget_shown(root)
        changed = [cls.__name__ for cls in _app_states() if (await root.get_state(cls)).dirty_vars]
        root._clean()  # as the end of an event does
        return changed

    assert tab.state(LoopState).loop.id == world.loop_id
    assert "LoopState" in server.run(forget())
    assert tab.state(LoopState).loop.id == 0
    assert server.run(forget()) == []
    tab = world.tab(server, M)  # a new tab, as on its first page load: nothing to forget yet
    assert server.run(forget()) == []
