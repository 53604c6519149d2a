"""Carries committed changes to the open tabs that show them: push, never polling.

With one process the changes go straight to this process's tabs. With several
workers (REFLEX_REDIS_URL set) every change goes through Redis pub/sub, and each
worker hands it to the tabs connected to it, so a change made through one worker
reaches a tab held by another.

What this process keeps per tab is connection routing only (a queue and the
topics the tab shows, see services/changes.py), gone when the tab leaves.

The tab that made a change already shows it (its handler reloaded what it changed), so it is
not told again, except of news for its person (`user:` topics): reloading its page whole would
only hold up its next action.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading
from collections.abc import Iterable

from magicloop.services.changes import WROTE

log = logging.getLogger(__name__)
CHANNEL = "magicloop:changes"


class Listener:
    """One open tab in this process: the topics it shows and what arrived for it."""

    def __init__(self, token: str, loop: asyncio.AbstractEventLoop):
        self.token, self.loop = token, loop
        self.topics: frozenset[str] = frozenset()
        self._queue: asyncio.Queue[frozenset[str]] = asyncio.Queue()

    def offer(self, topics: frozenset[str], origin: str) -> None:
        if shown := news_for(self.token, self.topics, topics, origin):
            self._queue.put_nowait(shown)

    async def next(self, timeout: float) -> frozenset[str] | None:
        """The topics that changed (several changes in a row arrive as one), or None after `timeout`."""
        try:
            topics = await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return None
        while not self._queue.empty():
            topics |= self._queue.get_nowait()
        return topics


_listeners: dict[str, Listener] = {}
# The listeners by topic shown: a change is offered to the tabs that show it, not to every open tab.
_showing: dict[str, set[Listener]] = {}
_loop: asyncio.AbstractEventLoop | None = None
_redis_reader: asyncio.Task | None = None
_redis_lock = threading.Lock()
_redis_client = None


def _show(listener: Listener, topics: frozenset[str]) -> None:
    for topic in listener.topics - topics:
        if (showing := _showing.get(topic)) is not None:
            showing.discard(listener)
            if not showing:
                del _showing[topic]
    for topic in topics - listener.topics:
        _showing.setdefault(topic, set()).add(listener)
    listener.topics = topics


def _redis_url() -> str:
    return os.environ.get("REFLEX_REDIS_URL", "")


def news_for(token: str, shown: frozenset[str], changed: frozenset[str], origin: str) -> frozenset[str]:
    """What of a change made from tab `origin` the tab `token`, showing `shown`, is to be told: the topics
    it shows, and with them which tables the change wrote."""
    told = changed & shown
    if origin == token:
        told = {topic for topic in told if topic.startswith("user:")}
    return frozenset(told | {topic for topic in changed if topic.startswith(WROTE)}) if told else frozenset()


def watch(token: str, topics: Iterable[str]) -> None:
    """What the tab shows now; called on every page load."""
    if listener := _listeners.get(token):
        _show(listener, frozenset(topics))


def open_listener(token: str, topics: Iterable[str]) -> Listener | None:
    """Start listening for a tab; None when this process already listens for it."""
    global _loop
    if token in _listeners:
        watch(token, topics)
        return None
    _loop = asyncio.get_running_loop()
    listener = _listeners[token] = Listener(token, _loop)
    _show(listener, frozenset(topics))
    if _redis_url():
        _ensure_redis_reader()
    return listener


def close_listener(listener: Listener) -> None:
    if _listeners.get(listener.token) is listener:
        del _listeners[listener.token]
    _show(listener, frozenset())


def is_listening(token: str) -> bool:
    return token in _listeners


def publish(topics: frozenset[str], origin: str = "") -> None:
    """Called after a commit, from any thread; `origin` is the tab that made the change, if any."""
    if not topics:
        return
    if _redis_url():
        try:
            _redis().publish(CHANNEL, json.dumps({"topics": sorted(topics), "origin": origin}))
        except Exception:  # the write is committed; an open page just misses one live update
            log.exception("could not publish a change")
        return
    if _loop is not None and not _loop.is_closed():
        _loop.call_soon_threadsafe(_deliver, topics, origin)


def _deliver(topics: frozenset[str], origin: str) -> None:
    for listener in set().union(*(_showing.get(topic, ()) for topic in topics)):
        listener.offer(topics, origin)


def _redis():
    global _redis_client
    with _redis_lock:
        if _redis_client is None:
            import redis

            _redis_client = redis.Redis.from_url(_redis_url())
        return _redis_client


def _ensure_redis_reader() -> None:
    global _redis_reader
    if _redis_reader is None or _redis_reader.done():
        _redis_reader = asyncio.get_running_loop().create_task(_read_redis())


async def _read_redis() -> None:
    import redis.asyncio

    while True:
        try:
            client = redis.asyncio.Redis.from_url(_redis_url())
            async with client.pubsub() as pubsub:
                await pubsub.subscribe(CHANNEL)
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        change = json.loads(message["data"])
                        _deliver(frozenset(change["topics"]), change["origin"])
        except asyncio.CancelledError:
            raise
        except Exception:  # Redis restarted: subscribe again
            log.exception("change channel lost; subscribing again")
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.sleep(1)
