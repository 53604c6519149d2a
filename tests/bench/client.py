"""A browser tab without a browser: one Socket.IO connection speaking Reflex's event protocol.

What the Reflex 0.10 frontend does (reflex_base/.templates/web/utils/state.js):
- it connects to the namespace `/_event` with its tab's client token as the `token` query
  parameter, and sends its first event, `<root>.hydrate_and_load`, in the CONNECT packet's auth
  (`{"event": ...}`), with the browser storage vars (here the sign-in token) in its payload and, on
  the first connect, the hashes of the state the page was compiled with;
- on a navigation it sends `update_vars_internal` (the storage vars again) and then
  `on_load_internal`, which runs the page's on_load handlers one after the other on the server
  and finally sets `is_hydrated`;
- every event is `{"name": "<state path>.<handler>", "payload": {...}, "router_data":
  {"pathname", "asPath", "query"}}`, emitted as the Socket.IO event "event";
- the server answers with updates `{"delta": {state: {var: value}}, "events": [...]}`.
  Reflex 0.10 chains an event's follow-ups on the server and no longer marks the last
  update (`final` is gone), so a round trip here ends at the update that shows the action's
  result, as a person would see it: the page hydrated, the new ask in the list, and so on.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import socketio
from reflex.state import OnLoadInternalState, State, UpdateVarsInternalState

ROOT = State.get_full_name()
FIELD = "_rx_state_"  # the suffix Reflex gives every var in a delta
TIMEOUT_S = 30.0

Delta = dict[str, dict[str, Any]]
Until = Callable[[Delta], bool]


def var(delta: Delta, state: str, name: str, default: Any = None) -> Any:
    """One var of one state in an update, or `default` when the update does not carry it."""
    return delta.get(state, {}).get(name + FIELD, default)


def hydrated(delta: Delta) -> bool:
    return var(delta, ROOT, "is_hydrated") is True


class RefusedError(Exception):
    """The app said no: an error toast, or the tab was sent to the sign-in page."""


class Tab:
    """One tab of one person; `storage` is what the browser's localStorage holds for the app."""

    def __init__(self, url: str, storage: dict[str, str] | None = None, hashes: list[str] | None = None) -> None:
        """`hashes`: what a browser's first connect sends of the state its page was compiled with, so the
        server sends only the vars that differ from it."""
        self.url, self.storage, self.hashes = url.rstrip("/"), storage or {}, hashes
        self.client_token = str(uuid.uuid4())
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._received, namespace="/_event")
        self._waiting: list[tuple[Until, asyncio.Future]] = []
        self.page = ("/", {})

    def _router_data(self) -> dict:
        path, query = self.page
        search = "&".join(f"{key}={value}" for key, value in query.items())
        return {"pathname": path, "asPath": path + (f"?{search}" if search else ""), "query": dict(query)}

    def _event(self, name: str, payload: dict | None = None) -> dict:
        return {"name": name, "payload": payload or {}, "router_data": self._router_data()}

    async def _received(self, update: dict) -> None:
        delta = update.get("delta") or {}
        problem = _refusal(update.get("events") or [])
        for entry in list(self._waiting):
            until, future = entry
            if future.done():
                continue
            if problem:
                future.set_exception(RefusedError(problem))
            elif delta and until(delta):
                future.set_result(None)

    async def _until(self, until: Until, send) -> float:
        """Milliseconds from sending to the first update that satisfies `until`."""
        future = asyncio.get_running_loop().create_future()
        entry = (until, future)
        self._waiting.append(entry)
        began = time.perf_counter()
        try:
            await send()
            await asyncio.wait_for(future, TIMEOUT_S)
            return (time.perf_counter() - began) * 1000
        finally:
            self._waiting.remove(entry)

    async def open(self, path: str, query: dict | None = None) -> float:
        """A first page load: connect, hydrate, run the page's on_load; milliseconds until hydrated."""
        self.page = (path, query or {})
        first = {"vars": self.storage} if self.storage else {}
        boot = self._event(f"{ROOT}.hydrate_and_load", {**first, **({"hashes": self.hashes} if self.hashes else {})})
        self.hashes = None  # a reconnect, as a browser's, gets the whole state

        async def connect():
            await self.sio.connect(
                f"{self.url}?token={self.client_token}",
                namespaces=["/_event"],
                socketio_path="/_event",
                transports=["websocket"],
                auth={"event": boot},
                wait_timeout=TIMEOUT_S,
            )

        return await self._until(hydrated, connect)

    async def navigate(self, path: str, query: dict | None = None) -> float:
        """A link followed inside the app: milliseconds until the new page's on_load has run."""
        self.page = (path, query or {})

        async def send():
            if self.storage:
                await self._emit(
                    f"{UpdateVarsInternalState.get_full_name()}.update_vars_internal", {"vars": self.storage}
                )
            await self._emit(f"{OnLoadInternalState.get_full_name()}.on_load_internal")

        return await self._until(hydrated, send)

    async def call(self, name: str, payload: dict | None = None, until: Until = bool) -> float:
        """An event handler called as a click or a submit would: milliseconds until `until` holds."""
        return await self._until(until, lambda: self._emit(name, payload))

    async def _emit(self, name: str, payload: dict | None = None) -> None:
        await self.sio.emit("event", self._event(name, payload), namespace="/_event")

    async def close(self) -> None:
        await self.sio.disconnect()


def _refusal(events: list[dict]) -> str:
    """Why the app refused, from the frontend events of an update (an error toast, a redirect to sign in)."""
    for event in events:
        text = str(event.get("payload", ""))
        if event.get("name") == "_redirect" and "/signin" in text:
            return "sent to the sign-in page"
        if "toast" in text and '"error"' in text:
            return text[:200]
    return ""
