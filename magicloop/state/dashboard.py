"""The professional's home."""

from __future__ import annotations

import reflex as rx

from magicloop.services import dashboard
from magicloop.services.dashboard import NO_CHECKIN, HomeView
from magicloop.state.loading import load_view
from magicloop.state.runner import TODAY

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
    review_reminder="",
    review_link="",
    checkin=NO_CHECKIN,
    pulses_to_answer=0,
)


class DashboardState(rx.State):
    home: HomeView = EMPTY_HOME
    loaded: bool = False

    @rx.event
    async def load(self):
        return await load_view(self, "home", dashboard.home, TODAY)
