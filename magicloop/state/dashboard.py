"""The professional's home."""

from __future__ import annotations

import reflex as rx

from magicloop.services import dashboard
from magicloop.services.dashboard import HomeView
from magicloop.state.auth import look, refusal, today_for

EMPTY_HOME = HomeView(
    loop_id=0,
    loop_number=0,
    goal="",
    stage=0,
    stage_title="",
    stage_open=0,
    next_action="",
    due=[],
    overdue_count=0,
    open_feedback=0,
    awaiting_others=0,
    recent=[],
    loops=[],
    needs=[],
)


class DashboardState(rx.State):
    home: HomeView = EMPTY_HOME
    loaded: bool = False

    @rx.event
    async def load(self):
        outcome = await look(self, dashboard.home, await today_for(self))
        if not outcome.ok:
            return refusal(outcome)
        self.home, self.loaded = outcome.value, True
        return None
