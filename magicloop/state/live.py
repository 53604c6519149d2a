"""What an open tab learns without a reload: new notifications, and lost access.

Each tab asks every few seconds. Everything it learns comes from the
database, so it works the same whichever app worker holds the tab.
"""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.services import accounts, notifications
from magicloop.services.notifications import NotificationRow
from magicloop.services.validation import page_number
from magicloop.state.auth import AuthState, perform, refusal, today_for
from magicloop.state.comments import CommentsState
from magicloop.state.edit import EditState
from magicloop.state.growth import GrowthState
from magicloop.state.items import ItemsState, TrackedItemState
from magicloop.state.loop import LoopState, NotesState
from magicloop.state.people import MenteesState, ProgressState, TeamState
from magicloop.state.reflect import ReflectState

POLL_MS = 3000
# States that hold another person's records while a page shows them.
PAGE_STATES = (
    LoopState,
    NotesState,
    ReflectState,
    ItemsState,
    GrowthState,
    TrackedItemState,
    CommentsState,
    EditState,
    ProgressState,
    TeamState,
    MenteesState,
)


def _status(db, user, remind: bool, today):
    if remind:
        notifications.remind_due(db, user, today)
    return notifications.live_status(db, user)


class LiveState(rx.State):
    unread: int = 0
    _followed: list[int] | None = None  # whose progress this person may follow, as last seen
    _reminded_on: str = ""  # due reminders are made once a day

    @rx.event
    async def poll(self, _tick: str = ""):
        auth = await self.get_state(AuthState)
        if not auth.token:
            return None
        today = await today_for(self)
        remind = today.isoformat() != self._reminded_on
        outcome = await perform(self, _status, remind, today)
        if outcome.signed_out:
            return rx.redirect(routes.SIGN_IN)
        if not outcome.ok:
            return None
        unread, followed = outcome.value
        self._reminded_on = today.isoformat()
        events = []
        if self._followed is not None and unread > self.unread:  # not on a tab's first poll
            events.append(rx.toast.info("You have a new notification", id="new-notification"))
        if self._followed is not None and set(self._followed) - set(followed):
            # Access to someone ended: forget what this tab was shown, then show the page anew.
            for page_state in PAGE_STATES:
                (await self.get_state(page_state)).reset()
            events.append(rx.call_script("window.location.reload()"))
        elif self._followed is not None and followed != self._followed:
            # Someone new to follow: the navigation may gain Team or Mentees.
            described = await perform(self, lambda db, user: accounts.describe(db, user))
            if described.ok:
                auth.me = described.value
        self.unread, self._followed = unread, followed
        return events


class InboxState(rx.State):
    rows: list[NotificationRow] = []
    page: int = 0
    has_more: bool = False

    @rx.event
    async def load(self):
        outcome = await perform(self, notifications.inbox, self.page)
        if not outcome.ok:
            return refusal(outcome)
        self.rows, self.has_more = outcome.value
        return LiveState.poll

    @rx.event
    async def show_page(self, page: int):
        self.page = page_number(page)
        return await self.load()

    @rx.event
    async def open(self, notification_id: int, link: str):
        await perform(self, notifications.mark_read, notification_id)
        return rx.redirect(link) if isinstance(link, str) and link.startswith("/") else InboxState.load

    @rx.event
    async def mark_all_read(self):
        outcome = await perform(self, notifications.mark_read)
        if not outcome.ok:
            return refusal(outcome)
        return [InboxState.load, rx.toast.success("All caught up")]
