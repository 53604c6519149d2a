"""The professional's home."""

from __future__ import annotations

import reflex as rx

from magicloop.services import dashboard
from magicloop.services.dashboard import TimelineRow
from magicloop.state.auth import AuthState, refusal


class DashboardState(rx.State):
    recent: list[TimelineRow] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        outcome = await auth.run(dashboard.recent_activity)
        if not outcome.ok:
            return refusal(outcome)
        self.recent, self.loaded = outcome.value, True
        return None
