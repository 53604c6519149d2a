"""The dashboard: where a professional starts each visit."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.layout import page
from magicloop.services.dashboard import TimelineRow
from magicloop.state.auth import AuthState
from magicloop.state.dashboard import DashboardState

LOOP_STEPS = (
    ("Reflect", "Do your current job well: rate your competencies, name your goal, plan dated steps."),
    ("Ask how to help", "Ask plainly, “What could I take off your plate?” and write down exactly what was asked."),
    ("Implement", "Deliver, then tell. Record the evidence your manager would want to see."),
    ("Ask how to grow", "Name your goal out loud; ask what gap stands between you and it."),
    ("Do as recommended", "Do what was suggested, then close the loop with a reply."),
)


def _step(number: int, title: str, text: str) -> rx.Component:
    return rx.hstack(
        rx.badge(str(number), radius="full", size="2", variant="solid"),
        rx.vstack(rx.text(title, weight="bold"), rx.text(text, size="2", color=styles.MUTED), spacing="0"),
        align="start",
        spacing="3",
    )


def loop_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Your Magic Loop", size="4", as_="h2"),
            rx.text("Each loop takes you through five steps with your manager — then you repeat.", size="2",
                    color=styles.MUTED),
            *[_step(i, title, text) for i, (title, text) in enumerate(LOOP_STEPS, start=1)],
            spacing="3",
        ),
        width="100%",
        id="loop-card",
    )


def _event(row: TimelineRow) -> rx.Component:
    return rx.hstack(
        rx.text(row.when, size="1", color=styles.MUTED, min_width="130px"),
        rx.text(row.summary, size="2"),
        spacing="3",
        align="baseline",
        wrap="wrap",
    )


def activity_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Recent activity", size="4", as_="h2"),
            rx.cond(
                DashboardState.recent.length() > 0,
                rx.vstack(rx.foreach(DashboardState.recent, _event), spacing="2", id="recent-activity"),
                rx.text("Nothing yet. What you and your manager record shows up here.", size="2", color=styles.MUTED,
                        id="recent-activity-empty"),
            ),
            spacing="3",
        ),
        width="100%",
    )


@page(routes.DASHBOARD, "Dashboard", on_load=DashboardState.load)
def dashboard() -> rx.Component:
    return rx.vstack(
        rx.heading("Hello, ", AuthState.me.display_name, size="7", as_="h1", id="dashboard-greeting"),
        rx.text(AuthState.me.organisation_name, color=styles.MUTED),
        loop_card(),
        activity_card(),
        spacing="4",
        width="100%",
    )
