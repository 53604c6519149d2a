"""What a tab keeps, read off the wire: every frame the app sends a tab after its person signed
out, or after their access to someone's loop ended, is free of that loop.

People sign up, invite and grant in real browsers; the tabs whose frames are read are Socket.IO
clients speaking Reflex's protocol (tests/bench/client.py), so nothing the browser does on its
own (a redirect, a reload) hides what the server sent. Reloading a tab is reconnecting with the
same tab token, as a browser does from its session storage.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from magicloop import routes
from magicloop.state.auth import AuthState
from magicloop.state.loop import LoopState
from magicloop.state.notes import NotesState
from tests.bench.client import FIELD, Tab, var
from tests.browser import invite, join, sign_up, start_loop

SESSION_KEY = "magicloop_session"  # where the browser keeps the session token
GOAL = "Chair the churn council by spring"
NOTE = "Worried the Q3 reorg lands on my team"
LOOP = LoopState.get_full_name()
AUTH = AuthState.get_full_name()
WAIT_S = 30


class RecordingTab(Tab):
    """A tab that keeps every update the server sends it."""

    def __init__(self, url: str, storage: dict[str, str] | None = None, client_token: str = "") -> None:
        super().__init__(url, storage)
        self.client_token = client_token or self.client_token
        self.frames: list[dict[str, Any]] = []

    async def _received(self, update: dict) -> None:
        self.frames.append(update)
        await super()._received(update)

    async def until(self, found: Callable[[dict], bool], name: str = "", payload: dict | None = None) -> None:
        """Call handler `name` and wait for an update after it that `found` accepts; without a handler,
        for any update so far or to come."""
        seen = len(self.frames) if name else 0
        if name:
            await self._emit(name, payload)
        for _ in range(WAIT_S * 20):
            if any(found(update) for update in self.frames[seen:]):
                return
            await asyncio.sleep(0.05)
        last = json.dumps(self.frames[seen:][-3:])[:3000]
        raise TimeoutError(f"no such update within {WAIT_S} s after {name or 'waiting'}; the last ones: {last}")

    def holding(self, *secrets: str) -> list[str]:
        """The secrets any frame so far carried."""
        sent = json.dumps(self.frames)
        return [secret for secret in secrets if secret in sent]


class Wire:
    """Runs the Socket.IO tabs on an event loop of their own, beside the synchronous browsers."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, work: Coroutine) -> Any:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=60)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@pytest.fixture
def wire() -> Iterator[Wire]:
    running = Wire()
    yield running
    running.close()


def storage_of(page: Page) -> dict[str, str]:
    """What the app keeps in this browser's storage, as a tab hands it to the server."""
    token = page.evaluate(f"() => window.localStorage.getItem('{SESSION_KEY}')")
    assert token, "the browser holds no session"
    return {f"{AUTH}.token{FIELD}": token}


def sent(update: dict, state: str, name: str) -> Any:
    """A var's value in an update, or None when the update does not carry it."""
    return var(update.get("delta") or {}, state, name)


def carrying(*texts: str) -> Callable[[dict], bool]:
    return lambda update: all(text in json.dumps(update) for text in texts)


def test_a_tab_signed_out_then_reloaded_receives_nothing_of_its_loop(new_page, app_url: str, wire: Wire) -> None:
    pro = new_page()
    sign_up(pro, "November Care", "Kim Pro", "kim@november.test")
    start_loop(pro, GOAL)
    tab = RecordingTab(app_url, storage_of(pro))
    wire.run(tab.open(routes.LOOP))
    wire.run(tab.until(carrying(NOTE), f"{NotesState.get_full_name()}.add", {"form": {"note_body": NOTE}}))
    assert tab.holding(GOAL, NOTE, "kim@november.test") == [GOAL, NOTE, "kim@november.test"], (
        "the tab never saw its loop"
    )

    tab.frames.clear()
    wire.run(tab.until(lambda update: sent(update, AUTH, "token") == "", f"{AUTH}.sign_out"))
    wire.run(tab.close())
    reloaded = RecordingTab(app_url, client_token=tab.client_token)  # the same tab, its session gone
    wire.run(reloaded.open(routes.SIGN_IN))
    wire.run(reloaded.close())

    assert tab.holding(GOAL, NOTE, "kim@november.test", "Kim Pro") == [], "what signing out sent"
    assert reloaded.holding(GOAL, NOTE, "kim@november.test", "Kim Pro") == [], "what the reload sent"


def test_a_mentor_tab_that_lost_access_receives_nothing_of_the_loop(new_page, app_url: str, wire: Wire) -> None:
    pro = new_page()
    sign_up(pro, "Oscar Care", "Lee Pro", "lee@oscar.test")
    mentor_link = invite(pro, "moe@oscar.test")
    mentor = new_page()
    join(mentor, mentor_link, "Moe Mentor")
    start_loop(pro, GOAL)
    pro.goto("/settings")
    pro.fill("#mentor_email", "moe@oscar.test")
    pro.click("#grant-submit")
    expect(pro.locator("#grants-table")).to_contain_text("Moe Mentor")

    owners_tab = RecordingTab(app_url, storage_of(pro))
    wire.run(owners_tab.open(routes.LOOP))
    wire.run(owners_tab.until(lambda update: (sent(update, LOOP, "loop") or {}).get("id")))
    loop_id = next(sent(f, LOOP, "loop")["id"] for f in owners_tab.frames if (sent(f, LOOP, "loop") or {}).get("id"))
    wire.run(owners_tab.close())
    # Two of the mentor's tabs on the loop: one stays connected, one is asleep when access ends.
    mentors_storage = storage_of(mentor)
    awake, asleep = (RecordingTab(app_url, mentors_storage) for _ in range(2))
    for tab in (awake, asleep):
        wire.run(tab.open(routes.LOOP, {"id": str(loop_id)}))
        wire.run(tab.until(carrying(GOAL)))  # the mentor sees the loop
    wire.run(asleep.close())

    awake.frames.clear()
    pro.locator("[id^=revoke-grant-]").first.click()
    pro.locator("[id^=revoke-grant-][id$=-confirm]").first.click()
    expect(pro.locator("#grants-table")).to_contain_text("revoked")
    # The awake tab is told at once, and asked to reload.
    wire.run(awake.until(carrying("window.location.reload()")))
    for tab in (awake, asleep):
        reloaded = RecordingTab(app_url, mentors_storage, client_token=tab.client_token)
        wire.run(reloaded.open(routes.LOOP, {"id": str(loop_id)}))
        wire.run(reloaded.until(lambda update: sent(update, LOOP, "problem")))  # the page was refused
        wire.run(reloaded.close())
        assert reloaded.holding(GOAL) == [], "what the reload sent"
    wire.run(awake.close())
    assert awake.holding(GOAL) == [], "what the open tab was sent once access ended"
