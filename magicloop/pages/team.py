"""The manager's team page and the mentor's mentees page."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.layout import loading, page
from magicloop.services.mentoring import MenteeRow
from magicloop.services.team import ReportRow
from magicloop.state.people import MenteesState, TeamState


def _count_badge(count: rx.Var[int], label: str, color: str, badge_id: rx.Var[str]) -> rx.Component:
    return rx.cond(count > 0, rx.badge(count.to_string() + " " + label, color_scheme=color, id=badge_id))


def _report(row: ReportRow) -> rx.Component:
    key = row.id.to_string()
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(row.name, size="4", as_="h2"),
                rx.spacer(),
                rx.hstack(
                    rx.cond(row.stale, rx.badge("Stale: no activity since the last check-in", color_scheme="amber",
                                                id="stale-" + key)),
                    _count_badge(row.overdue, "overdue", "red", "overdue-" + key),
                    _count_badge(row.ideas_waiting, "ideas to decide", "blue", "ideas-" + key),
                    _count_badge(row.unanswered, "awaiting their reply", "gray", "unanswered-" + key),
                    spacing="1",
                    wrap="wrap",
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            rx.cond(row.loop_id != 0,
                    rx.text("Loop " + row.loop_number.to_string() + ": " + row.goal + " · " + row.stage_title,
                            size="2"),
                    rx.text("No loop yet. Encourage them to start one from their dashboard.", size="2",
                            color=styles.MUTED)),
            rx.text("Last activity: " + row.last_activity, size="1", color=styles.MUTED),
            rx.hstack(
                rx.cond(row.loop_id != 0,
                        rx.link(rx.button("Open their loop", size="2", id="team-loop-" + key),
                                href=routes.LOOP + "?id=" + row.loop_id.to_string())),
                rx.link(rx.button("Progress timeline", size="2", variant="soft", id="team-progress-" + key),
                        href=routes.PROGRESS + "?person=" + key),
                spacing="2",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="report-" + key,
    )


@page(routes.TEAM, "Your team", on_load=TeamState.load)
def team_page() -> rx.Component:
    return rx.vstack(
        rx.heading("Your team", size="7", as_="h1"),
        rx.text("Your direct reports today. Coach each one inside their loop: log asks, record feedback, recommend "
                "next steps, rate competencies.", color=styles.MUTED),
        rx.cond(~TeamState.loaded, loading(),
                rx.cond(TeamState.reports.length() > 0,
                        rx.vstack(rx.foreach(TeamState.reports, _report), spacing="3", width="100%", id="reports"),
                        rx.card(rx.text("No one reports to you right now. An admin sets reporting lines.",
                                        id="reports-empty"), width="100%"))),
        spacing="4",
        width="100%",
    )


def _mentee(row: MenteeRow) -> rx.Component:
    key = row.id.to_string()
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.heading(row.name, size="4", as_="h2"),
                rx.cond(row.loop_number > 0,
                        rx.text("Loop " + row.loop_number.to_string() + ": " + row.goal + " · " + row.stage_title,
                                size="2"),
                        rx.text("No loop yet.", size="2", color=styles.MUTED)),
                rx.text("Last activity: " + row.last_activity, size="1", color=styles.MUTED),
                spacing="1",
            ),
            rx.spacer(),
            rx.hstack(
                rx.cond(row.loop_id != 0,
                        rx.link(rx.button("Open their loop", variant="soft", id="mentee-loop-" + key),
                                href=routes.LOOP + "?id=" + row.loop_id.to_string())),
                rx.link(rx.button("Progress timeline", id="mentee-progress-" + key),
                        href=routes.PROGRESS + "?person=" + key),
                spacing="2",
            ),
            spacing="3",
            align="center",
            wrap="wrap",
            width="100%",
        ),
        width="100%",
        id="mentee-" + key,
    )


@page(routes.MENTEES, "Your mentees", on_load=MenteesState.load)
def mentees_page() -> rx.Component:
    return rx.vstack(
        rx.heading("Your mentees", size="7", as_="h1"),
        rx.text("People who asked you to follow their progress. You can read and leave mentor notes; you change "
                "nothing else.", color=styles.MUTED),
        rx.cond(~MenteesState.loaded, loading(),
                rx.cond(MenteesState.mentees.length() > 0,
                        rx.vstack(rx.foreach(MenteesState.mentees, _mentee), spacing="3", width="100%", id="mentees"),
                        rx.card(rx.text("No one has granted you mentor access yet.", id="mentees-empty"),
                                width="100%"))),
        spacing="4",
        width="100%",
    )
