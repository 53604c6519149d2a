"""What an open tab learns without a reload: new notifications, other people's
changes to what it shows, and lost access.

Nothing polls. Each tab has one listener (a background task) that waits for the
changes pushed after commits (see broadcast.py); when one concerns what the tab
shows, the tab reloads just that part through the services.
"""

from __future__ import annotations

import asyncio
import contextvars

import reflex as rx
from reflex.event import Event

from magicloop import broadcast, routes
from magicloop.services import accounts, changes, notifications
from magicloop.services.notifications import NotificationRow
from magicloop.services.validation import page_number
from magicloop.state import shared_reads
from magicloop.state.admin import AdminState
from magicloop.state.auth import AuthState, look, perform, refusal, today_for
from magicloop.state.comments import CommentsState
from magicloop.state.dashboard import DashboardState
from magicloop.state.forgetting import forget_shown, holds_the_session
from magicloop.state.insights import InsightsState
from magicloop.state.loop import LoopState
from magicloop.state.loop_page import LoopPageState
from magicloop.state.opening import run_together, together
from magicloop.state.people import MenteesState, ProgressState, TeamState
from magicloop.state.pulse import PulsesState, PulseState
from magicloop.state.review import ReviewState
from magicloop.state.runner import TODAY

# A listener whose tab has gone for this long stops.
LIVENESS_S = 45
# What each page reloads when something it shows changes; the loop page reloads the parts that changed.
PAGE_RELOADS = {
    routes.DASHBOARD: together(DashboardState.load),
    routes.TEAM: together(TeamState.load),
    routes.MENTEES: together(MenteesState.load),
    routes.PROGRESS: together(ProgressState.refresh),
    routes.INSIGHTS: together(InsightsState.refresh),
    routes.REVIEW: together(ReviewState.refresh, CommentsState.refresh),
    routes.ADMIN: together(AdminState.refresh),
    routes.PULSE: together(PulsesState.refresh),
    routes.PULSE_VIEW: together(PulseState.refresh),
}


def _status(db, user, remind: bool, today):
    """The unread count and whom the person follows (and their due reminders made first, once a day)."""
    if remind:
        notifications.remind_due(db, user, today)
    unread, followed = notifications.live_status(db, user)
    return unread, followed, user.organisation_id, user.is_admin


def _app():
    from reflex.utils.prerequisites import get_and_validate_app

    return get_and_validate_app().app


def _connected(token: str) -> bool:
    return token in _app().event_namespace.token_to_sid


async def _listen_beyond_this_page(token: str) -> None:
    """Start the tab's listener as an event of its own. Returned from `start`, it would belong to the
    page's on_load chain, which Reflex cancels when the tab moves to another page: the listener would
    stop on every click, and its cancelled wait for the state lock can leave the tab's next event
    waiting out the lock's whole expiry (10 s) with Redis. Enqueued from an empty context, it belongs
    to no chain, as if the tab had sent it; without a route of its own it uses the page the tab is on."""
    event = Event(name=f"{LiveState.get_full_name()}.listen")
    enqueue = _app().event_processor.enqueue(token, event)
    await asyncio.get_running_loop().create_task(enqueue, context=contextvars.Context())


@holds_the_session
class LiveState(rx.State):
    unread: int = 0
    _followed: list[int] | None = None  # whose progress this person may follow, as last seen
    _reminded_on: str = ""  # due reminders are made once a day
    _topics: list[str] = []  # what this tab shows (see services/changes.py)
    _organisation_id: int = 0

    def _route(self) -> str:
        return self.router.url.path.rstrip("/") or "/"

    async def _page_topics(self, me: int, followed: list[int], organisation_id: int) -> list[str]:
        route = self._route()
        topics = {f"user:{me}"}
        if route in (routes.DASHBOARD, routes.TEAM, routes.MENTEES):
            topics |= {f"owner:{owner}" for owner in [me, *followed]}
        elif route == routes.LOOP and (loop_id := (await self.get_state(LoopState)).loop.id):
            topics.add(f"loop:{loop_id}")
        elif route == routes.PROGRESS:
            topics.add(f"owner:{(await self.get_state(ProgressState))._person()}")
        elif route in (routes.INSIGHTS, routes.REVIEW):
            state = InsightsState if route == routes.INSIGHTS else ReviewState
            topics.add(f"owner:{(await self.get_state(state)).owner_id}")
        elif route == routes.ADMIN:
            topics.add(f"org:{organisation_id}")
        elif route == routes.PULSE_VIEW:
            topics.add(f"pulse:{(await self.get_state(PulseState)).pulse.id}")
        return sorted(topics)

    def _needs_status(self, token: str, today: str) -> bool:
        """Moving between the pages of a listening tab, its listener keeps what it knows current; a tab's
        first page, or its first of the day, reads the count (and makes the day's reminders)."""
        return not (broadcast.is_listening(token) and self._reminded_on == today)

    async def _check(self, remind: bool = False) -> tuple[list, tuple | None]:
        """The unread count and whom this person follows (read along with the page when it could be), and the
        events for what changed since last time; no status when the tab is refused or about to reload."""
        outcome = shared_reads.taken((_status, remind)) or await look(self, _status, remind, TODAY)
        if not outcome.ok:
            return [refusal(outcome)], None
        unread, followed, organisation_id, is_admin = outcome.value
        before, seen = self._followed, self.unread
        self.unread, self._followed = unread, followed
        if before is None:  # the tab's first look
            return [], (unread, followed, organisation_id)
        auth = await self.get_state(AuthState)
        if followed != before or is_admin != auth.me.is_admin:
            # Someone to follow, or no longer, or made admin: the navigation gains or loses Team, Mentees or Admin.
            described = await look(self, lambda db, user: accounts.describe(db, user))
            if described.ok:
                auth.me = described.value
        if set(before) - set(followed):
            # Access to someone ended: forget what this tab was shown, then show the page anew.
            await forget_shown(self)
            return [rx.call_script("window.location.reload()")], None
        events = [rx.toast.info("You have a new notification", id="new-notification")] if unread > seen else []
        return events, (unread, followed, organisation_id)

    @rx.event
    async def look_ahead(self):
        """on_load of every signed-in page, before the page's own: the count and today's reminders, when the
        tab needs them, are read along with the page."""
        auth = await self.get_state(AuthState)
        today = await today_for(self)
        if auth.token and self._needs_status(self.router.session.client_token, today.isoformat()):
            remind = today.isoformat() != self._reminded_on
            shared_reads.go_along((_status, remind), _status, remind, TODAY)

    @rx.event
    async def start(self):
        """Last on_load of every signed-in page: the count, today's reminders, and listening."""
        auth = await self.get_state(AuthState)
        if not auth.token:
            return None
        today = (await today_for(self)).isoformat()
        token = self.router.session.client_token
        if not self._needs_status(token, today):
            events = []
        else:
            events, status = await self._check(remind=today != self._reminded_on)
            if status is None:
                return events
            self._reminded_on, self._organisation_id = today, status[2]
        if (signed_out := await auth._know_who()) is not None:
            return [*events, signed_out]
        self._topics = await self._page_topics(auth.me.id, self._followed or [], self._organisation_id)
        broadcast.watch(token, self._topics)
        if not broadcast.is_listening(token):
            await _listen_beyond_this_page(token)
        return events

    @rx.event(background=True)
    async def listen(self):
        token = self.router.session.client_token
        async with self:
            topics = list(self._topics)
        listener = broadcast.open_listener(token, topics)
        if listener is None:
            return
        try:
            missed = 0
            while missed < 2:  # a tab reconnecting after a blip keeps its listener
                shown = await listener.next(timeout=LIVENESS_S)
                if shown is not None:
                    yield LiveState.take(sorted(shown))
                missed = 0 if _connected(token) else missed + 1
        finally:
            broadcast.close_listener(listener)

    @rx.event
    async def take(self, topics: list[str]):
        """Something this tab shows has changed: reload that part (any client may call this; it only reloads)."""
        topics = {topic for topic in topics if isinstance(topic, str)} if isinstance(topics, list) else set()
        if not topics:
            return None
        mine = f"user:{(await self.get_state(AuthState)).me.id}" in topics
        with shared_reads.shared():
            if mine:  # the unread count goes along with the page's reload
                shared_reads.go_along((_status, False), _status, False, TODAY)
            reloaded = await self._reload(topics)
            if not mine:
                return reloaded
            events, status = await self._check()
        return events if status is None else events + reloaded

    async def _reload(self, topics: set[str]) -> list:
        """What the page shows of `topics`."""
        route = self._route()
        if route == routes.NOTIFICATIONS:
            return await run_together(self, (InboxState.load,))
        if route != routes.LOOP:
            return await run_together(self, PAGE_RELOADS.get(route, ()))
        if any(not topic.startswith(("user:", changes.WROTE)) for topic in topics):
            return await (await self.get_state(LoopPageState))._changed_elsewhere(changes.written(topics))
        return []


class InboxState(rx.State):
    rows: list[NotificationRow] = []
    page: int = 0
    has_more: bool = False

    @rx.event
    async def load(self):
        outcome = await look(self, notifications.inbox, self.page)
        if not outcome.ok:
            return refusal(outcome)
        self.rows, self.has_more = outcome.value
        return None

    @rx.event
    async def show_page(self, page: int):
        self.page = page_number(page)
        return await self.load()

    @rx.event
    async def open(self, notification_id: int):
        outcome = await perform(self, notifications.open_notification, notification_id)
        if not outcome.ok:
            return refusal(outcome)
        return rx.redirect(outcome.value) if outcome.value else InboxState.load

    @rx.event
    async def mark_all_read(self):
        outcome = await perform(self, notifications.mark_read)
        if not outcome.ok:
            return refusal(outcome)
        return [InboxState.load, rx.toast.success("All caught up")]
