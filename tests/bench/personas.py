"""Who the load generator plays: seeded people with their own sessions, each with a loop and
an open ask to work on, and what each of them does in one round."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import dataclasses
import datetime as dt
import functools
import itertools

from reflex.state import State, _resolve_delta, state_snapshot_hashes
from sqlmodel import Session, select

from magicloop.db import make_engine
from magicloop.models import Loop, ManagerAsk, User
from magicloop.services import accounts, tracking
from magicloop.state.auth import AuthState
from magicloop.state.comments import CommentsState
from magicloop.state.items import ItemsState, TrackedItemState
from tests.bench import client, seed

ITEMS, TRACKED, COMMENTS = ItemsState.get_full_name(), TrackedItemState.get_full_name(), CommentsState.get_full_name()
_serial = itertools.count(1)


@dataclasses.dataclass(frozen=True)
class Persona:
    user_id: int
    manager: bool  # a manager works on a report's loop; a professional on their own
    token: str  # a session made through the app's accounts service, as signing in makes
    loop_id: int
    ask_id: int
    owner_id: int  # whose loop and timeline

    @property
    def storage(self) -> dict[str, str]:
        """What the browser's localStorage hands the app: the sign-in token."""
        return {f"{AuthState.get_full_name()}.token": self.token}


def cast(database_url: str, organisation: seed.Organisation, count: int) -> list[Persona]:
    """`count` people, a tenth of them managers (at most the ten there are), the rest professionals,
    the one with the longest history among them."""
    managers = min(max(count // 10, 1), len(organisation.manager_ids))
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as db:
        leads = []
        for manager_id in organisation.manager_ids[:managers]:
            reports = organisation.reports[manager_id]
            leads.append(_persona(db, manager_id, reports[len(reports) // 2], manager=True))
        pros = [
            _persona(db, owner_id, owner_id, False) for owner_id in organisation.professional_ids[: count - managers]
        ]
        db.commit()
    # Every tenth a manager, so the first n of them are as mixed as all of them.
    people = [leads.pop(0) if index % 10 == 0 and leads else pros.pop(0) for index in range(count)]
    engine.dispose()
    return people


def _persona(db: Session, user_id: int, owner_id: int, manager: bool) -> Persona:
    owner = db.get(User, owner_id)
    loop = db.exec(select(Loop).where(Loop.owner_id == owner_id, Loop.closed_at.is_(None))).one()
    ask_id = db.exec(select(ManagerAsk.id).where(ManagerAsk.loop_id == loop.id)).first()
    if ask_id is None:  # a loop still at its first stage: the professional writes their first ask down
        ask_id = tracking.log_item(db, owner, "ask", loop.id, {"what": "Take the weekly NPS digest"}, dt.date.today())
    token = accounts.start_session(db, db.get(User, user_id))
    return Persona(user_id, manager, token, loop.id, ask_id, owner_id)


@functools.cache
def compiled_state_hashes() -> tuple[str, ...]:
    """The hashes a browser's first connect sends of the app's compiled initial state (Reflex's
    `initialEvents(first=True)`), worked out as the server works out its own."""
    import magicloop.magicloop  # noqa: F401  (every page's states, as the compiled app has them)

    async def snapshot():
        return await _resolve_delta(State(_reflex_internal_init=True).dict(initial=True))

    # Once, before any tab opens; on a thread of its own, as the caller's event loop is running.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        done = thread.submit(contextvars.copy_context().run, asyncio.run, snapshot())  # with the app's registry
        return tuple(state_snapshot_hashes(done.result()))


def tab(url: str, persona: Persona) -> client.Tab:
    """A browser tab of `persona`'s, signed in."""
    return client.Tab(url, persona.storage, list(compiled_state_hashes()))


async def open_pages(tab: client.Tab, persona: Persona, tally) -> None:
    """Sign-in lands on the dashboard; then the loop, with the ask's comment thread open."""
    await tally.time("open dashboard", tab.open("/"))
    await tally.time("open loop page", open_loop_page(tab, persona))
    thread = {"kind": "ask", "subject_id": persona.ask_id, "title": "Comments"}
    is_open = lambda delta: client.var(delta, COMMENTS, "is_open") is True  # noqa: E731
    await tally.time("open comments", tab.call(f"{COMMENTS}.open_thread", thread, is_open))


def core_action_name(persona: Persona) -> str:
    return "log an ask" if persona.manager else "record progress"


# The version each tab's progress dialog last opened at, as its form carries it (services/versions.py).
_progress_versions: dict[int, dict[str, int]] = {}


async def core_action(tab: client.Tab, persona: Persona) -> float:
    """A manager logs an ask on their report's loop; a professional records progress on an ask."""
    serial = next(_serial)
    if persona.manager:
        return await log_ask(tab, f"Bench ask {serial}: summarise the week's detractor calls")
    return await record_progress(tab, persona, serial % 99, f"Bench progress {serial}")


async def comment(tab: client.Tab, persona: Persona) -> float:
    return await say(tab, f"Bench comment {next(_serial)}: how did the customers take it?")


async def log_ask(tab: client.Tab, what: str) -> float:
    """On the loop page the tab shows: milliseconds until the ask is in its list."""

    def shown(delta) -> bool:
        return any(row.get("what") == what for row in client.var(delta, ITEMS, "asks") or [])

    return await tab.call(f"{ITEMS}.log_ask", {"form": {"what": what, "priority": "medium"}}, shown)


async def record_progress(tab: client.Tab, persona: Persona, percent: int, note: str) -> float:
    """On the persona's ask: milliseconds until the ask shows `percent`."""
    opened = _progress_versions.setdefault(id(tab), {})

    def dialog_open(delta) -> bool:
        version = client.var(delta, TRACKED, "progress_version")  # sent only when it differs from the last
        opened["version"] = opened.get("version", 0) if version is None else version
        return client.var(delta, TRACKED, "progress_open") is True

    await tab.call(
        f"{TRACKED}.open_progress", {"kind": "ask", "item_id": persona.ask_id, "title": "Progress"}, dialog_open
    )

    def recorded(delta) -> bool:
        rows = client.var(delta, ITEMS, "asks") or []
        return any(row.get("id") == persona.ask_id and row.get("percent") == percent for row in rows)

    form = {"status": "in_progress", "percent": str(percent), "note": note, **opened}
    return await tab.call(f"{TRACKED}.record_progress", {"form": form}, recorded)


async def say(tab: client.Tab, body: str) -> float:
    """In the comment thread the tab has open: milliseconds until the comment is in it."""

    def shown(delta) -> bool:
        return any(row.get("body") == body for row in client.var(delta, COMMENTS, "rows") or [])

    return await tab.call(f"{COMMENTS}.save", {"form": {"comment_body": body}}, shown)


def open_timeline(tab: client.Tab, persona: Persona):
    return tab.navigate("/progress", {"person": str(persona.owner_id)})


def open_loop_page(tab: client.Tab, persona: Persona):
    return tab.navigate("/loop", {"id": str(persona.loop_id)})


async def round_trip(tab: client.Tab, persona: Persona, tally) -> None:
    """One round of the core actions, as one person would click through them."""
    await tally.time(core_action_name(persona), core_action(tab, persona))
    await tally.time("comment", comment(tab, persona))
    await tally.time("open timeline", open_timeline(tab, persona))
    await tally.time("open loop page", open_loop_page(tab, persona))
