"""The dashboard: where a professional starts each visit."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.layout import once_loaded, page
from magicloop.components.links import button_link, plain_link, text_link
from magicloop.components.lists import empty_note, listing
from magicloop.components.sections import section
from magicloop.services.dashboard import DueRow, TimelineRow
from magicloop.services.loops import LoopSummary
from magicloop.services.needs import NeedRow
from magicloop.state.auth import AuthState
from magicloop.state.dashboard import DashboardState

LOOP_STEPS = (
    ("Reflect", "Do your current job well: rate your competencies, name your goal, plan dated steps."),
    ("Ask how to help", "Ask plainly, “What could I take off your plate?” and write down exactly what was asked."),
    ("Implement", "Deliver, then tell. Record the evidence your manager would want to see."),
    ("Ask how to grow", "Name your goal out loud; ask what gap stands between you and it."),
    ("Do as recommended", "Do what was suggested, then close the loop with a reply."),
)


def current_loop_card() -> rx.Component:
    home = DashboardState.home
    start = rx.vstack(
        rx.text(
            "Each loop takes you through five steps with your manager — then you repeat.", size="2", color=styles.MUTED
        ),
        *[
            rx.hstack(
                rx.badge(str(i), radius="full", variant="solid"),
                rx.text(rx.text.strong(title), " — ", text, size="2"),
                align="start",
            )
            for i, (title, text) in enumerate(LOOP_STEPS, start=1)
        ],
        button_link("Start your first loop", routes.LOOP, link_id="start-first-loop"),
        spacing="2",
    )
    current = rx.vstack(
        rx.text(rx.text.strong("Loop ", home.loop_number.to_string(), ": "), home.goal, id="home-loop-goal"),
        rx.hstack(
            rx.badge("Stage " + home.stage.to_string() + " of 5 · " + home.stage_title, size="2"),
            rx.cond(
                home.stage_open > 0,
                rx.badge(home.stage_open.to_string() + " open", size="2", color_scheme="amber", id="home-stage-open"),
            ),
            id="home-stage",
        ),
        rx.callout(home.next_action, icon="arrow-right", id="next-action", width="100%"),
        rx.cond(
            home.checkin.stale,
            rx.callout(
                home.checkin.text + " Record where you are, or talk to your manager.",
                icon="calendar-clock",
                color_scheme="amber",
                id="home-stale",
                width="100%",
            ),
            rx.text(home.checkin.text, size="2", color=styles.MUTED, id="home-next-checkin"),
        ),
        button_link("Open my loop", routes.LOOP, link_id="open-loop"),
        spacing="3",
        width="100%",
    )
    return section("Your Magic Loop", "", rx.cond(home.loop_id != 0, current, start), section_id="loop-card")


def _list_line(*parts: rx.Component, spacing: str) -> rx.Component:
    """One line of a card's list: its parts side by side, wrapping on a phone."""
    return rx.flex(*parts, spacing=spacing, align="center", wrap="wrap", width="100%")


def _due(row: DueRow) -> rx.Component:
    return _list_line(
        rx.badge(row.kind, variant="soft", color_scheme="gray"),
        rx.text(row.title, size="2", flex="1", min_width="160px"),
        rx.text(row.due_text, size="1", color=rx.cond(row.overdue, styles.ERROR_COLOR, styles.MUTED)),
        rx.cond(row.overdue, rx.badge("Overdue", color_scheme="red")),
        spacing="2",
    )


def due_card() -> rx.Component:
    home = DashboardState.home
    return section(
        "Due this week",
        "",
        rx.hstack(
            plain_link(
                rx.badge(
                    home.overdue_count.to_string() + " overdue",
                    color_scheme=rx.cond(home.overdue_count > 0, "red", "gray"),
                    id="overdue-count",
                ),
                href=routes.LOOP,
            ),
            plain_link(
                rx.badge(
                    home.open_feedback.to_string() + " awaiting your reply",
                    color_scheme=rx.cond(home.open_feedback > 0, "amber", "gray"),
                    id="open-feedback-count",
                ),
                href=routes.LOOP + "?stage=5",
            ),
            rx.cond(
                home.awaiting_others > 0,
                plain_link(
                    rx.badge(
                        home.awaiting_others.to_string() + " of yours awaiting others' replies",
                        color_scheme="gray",
                        id="awaiting-others-count",
                    ),
                    href=rx.cond(AuthState.me.manages, routes.TEAM, routes.MENTEES),
                ),
            ),
            rx.cond(
                home.pulses_to_answer > 0,
                plain_link(
                    rx.badge(
                        rx.cond(
                            home.pulses_to_answer == 1,
                            "1 culture pulse to answer",
                            home.pulses_to_answer.to_string() + " culture pulses to answer",
                        ),
                        color_scheme="amber",
                        id="pulses-to-answer",
                    ),
                    href=routes.PULSE,
                ),
            ),
            wrap="wrap",
        ),
        listing(home.due, _due, "due", "Nothing due in the next seven days.", spacing="2"),
        section_id="due-card",
    )


NEED_ICONS = {
    "acknowledge": "badge-check",
    "recommend": "list-checks",
    "decide": "lightbulb",
    "check_in": "calendar-clock",
    "review": "clipboard-check",
}


def _need(row: NeedRow) -> rx.Component:
    return text_link(
        rx.hstack(
            rx.match(row.kind, *[(kind, rx.icon(icon, size=16)) for kind, icon in NEED_ICONS.items()], rx.fragment()),
            rx.text(row.text, size="2"),
            spacing="2",
            align="center",
        ),
        href=row.link,
    )


def needs_card() -> rx.Component:
    """A manager's home leads with what their reports are waiting on them for."""
    needs = DashboardState.home.needs
    return section(
        "Needs you",
        "",
        listing(
            needs,
            _need,
            "needs",
            "Nothing waits on you right now. Your team page shows each report's loop.",
            spacing="2",
        ),
        section_id="needs-card",
    )


def _event(row: TimelineRow) -> rx.Component:
    # When above what, always: side by side, a short line kept its date beside it and a long one wrapped below.
    return rx.box(rx.text(row.when, size="1", color=styles.MUTED), rx.text(row.summary, size="2"))


def _loop_link(loop: LoopSummary) -> rx.Component:
    return _list_line(
        plain_link(
            "Loop " + loop.number.to_string(),
            href=routes.LOOP + "?id=" + loop.id.to_string(),
            id="loop-link-" + loop.number.to_string(),
            weight="medium",
        ),
        rx.text(loop.goal, size="2", flex="1", min_width="160px"),
        rx.cond(loop.is_current, rx.badge(loop.stage_title), rx.badge("Closed " + loop.closed_on, color_scheme="gray")),
        spacing="3",
    )


def history_cards() -> rx.Component:
    home = DashboardState.home
    return rx.grid(
        section(
            "Recent activity",
            "",
            rx.cond(
                home.recent.length() > 0,
                rx.vstack(rx.foreach(home.recent, _event), spacing="2", id="recent-activity"),
                empty_note("Nothing yet. What you and your manager record shows up here.", "recent-activity-empty"),
            ),
            section_id="activity-card",
        ),
        section(
            "Your loops",
            "",
            listing(home.loops, _loop_link, "loops", "Your loops will be listed here.", spacing="2"),
            section_id="loops-card",
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )


def review_reminder() -> rx.Component:
    """In a quarter's last two weeks, until the professional has signed their review."""
    home = DashboardState.home
    return rx.cond(
        home.review_reminder != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("clipboard-check")),
            rx.callout.text(
                home.review_reminder,
                " ",
                text_link("Open the review", href=home.review_link, id="review-reminder-link"),
            ),
            color_scheme="violet",
            width="100%",
            id="review-reminder",
        ),
    )


@page(routes.DASHBOARD, "Dashboard", on_load=DashboardState.load)
def dashboard() -> rx.Component:
    return rx.vstack(
        rx.heading("Hello, ", AuthState.me.display_name, size="7", as_="h1", id="dashboard-greeting"),
        rx.text(AuthState.me.organisation_name, color=styles.MUTED),
        once_loaded(
            DashboardState.loaded,
            rx.vstack(
                review_reminder(),
                rx.cond(AuthState.me.manages, needs_card()),
                current_loop_card(),
                due_card(),
                history_cards(),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )
