"""The manager's team page and the mentor's mentees page."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.layout import once_loaded, page, page_header, sections
from magicloop.components.links import button_link
from magicloop.components.loop_pictures import closure_picture
from magicloop.services.mentoring import MenteeRow
from magicloop.services.progress import Glance
from magicloop.services.team import ReportRow
from magicloop.state.people import MenteesState, TeamState


def _count_badge(count: rx.Var[int], label: str, color: str, badge_id: rx.Var[str], plural: str = "") -> rx.Component:
    """`label` follows the number: `plural` (when it differs) for any count but one."""
    words = rx.cond(count == 1, label, plural) if plural else label
    return rx.cond(count > 0, rx.badge(count.to_string() + " " + words, color_scheme=color, id=badge_id))


def person_card(person: Glance, prefix: str, *badges: rx.Component, extra: rx.Component | None = None) -> rx.Component:
    """A person's current loop, with the way into it and into their timeline."""
    key = person.id.to_string()
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(person.name, size="4", as_="h2"),
                rx.spacer(),
                rx.hstack(*badges, spacing="1", wrap="wrap"),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            rx.cond(
                person.loop_id != 0,
                rx.text(
                    "Loop " + person.loop_number.to_string() + ": " + person.goal + " · " + person.stage_title, size="2"
                ),
                rx.text("No loop yet. It starts from their dashboard.", size="2", color=styles.MUTED),
            ),
            rx.text("Last activity: " + person.last_activity, size="1", color=styles.MUTED),
            extra if extra is not None else rx.fragment(),
            _ways_in(person, prefix),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id=f"{prefix}-" + key,
    )


def _ways_in(person: Glance, prefix: str) -> rx.Component:
    """Into their loop (once they have one), their progress timeline, their insights and this quarter's review."""
    key = person.id.to_string()
    return rx.flex(
        rx.cond(
            person.loop_id != 0,
            button_link(
                "Open their loop",
                routes.LOOP + "?id=" + person.loop_id.to_string(),
                link_id=f"{prefix}-loop-" + key,
                size="2",
            ),
        ),
        *[
            button_link(label, route + "?person=" + key, link_id=f"{prefix}-{name}-" + key, size="2", variant="soft")
            for label, route, name in (
                ("Progress timeline", routes.PROGRESS, "progress"),
                ("Insights", routes.INSIGHTS, "insights"),
                ("Quarterly review", routes.REVIEW, "review"),
            )
        ],
        spacing="2",
        wrap="wrap",
    )


def _report(row: ReportRow) -> rx.Component:
    key = row.person.id.to_string()
    return person_card(
        row.person,
        "team",
        rx.cond(
            row.stale, rx.badge("Stale: no activity since the last check-in", color_scheme="amber", id="stale-" + key)
        ),
        _count_badge(row.stage_open, "open in this stage", "orange", "stage-open-" + key),
        _count_badge(row.overdue, "overdue", "red", "overdue-" + key),
        _count_badge(row.ideas_waiting, "idea to decide", "blue", "ideas-" + key, plural="ideas to decide"),
        _count_badge(
            row.to_acknowledge,
            "delivery to acknowledge",
            "green",
            "acknowledge-" + key,
            plural="deliveries to acknowledge",
        ),
        rx.cond(
            row.recommendations_owed,
            rx.badge("Recommendations owed", color_scheme="violet", id="recommend-" + key),
        ),
        _count_badge(row.unanswered, "awaiting their reply", "gray", "unanswered-" + key),
        rx.cond(row.review_due, rx.badge("Quarterly review to sign", color_scheme="violet", id="review-due-" + key)),
    )


def _mentee(row: MenteeRow) -> rx.Component:
    key = row.person.id.to_string()
    news = rx.cond(
        row.news > 0,
        rx.vstack(
            rx.text(
                row.news.to_string() + rx.cond(row.news == 1, " change", " changes") + " since your last visit",
                size="2",
                weight="medium",
            ),
            rx.el.ul(
                rx.foreach(row.latest, lambda summary: rx.el.li(summary)),
                style={"paddingLeft": "1.2em", "margin": 0, "fontSize": "var(--font-size-2)"},
            ),
            spacing="1",
            id="mentee-news-" + key,
        ),
        rx.text("Nothing new since your last visit.", size="2", color=styles.MUTED, id="mentee-news-" + key),
    )
    return person_card(row.person, "mentee", extra=news)


def people_page(
    title: str, intro: str, loaded: rx.Var[bool], rows: rx.Var[list], card, list_id: str, empty: str, *after
) -> rx.Component:
    return sections(
        page_header(title, intro),
        once_loaded(
            loaded,
            rx.cond(
                rows.length() > 0,
                rx.vstack(
                    rx.vstack(rx.foreach(rows, card), spacing="3", width="100%", id=list_id),
                    *after,
                    spacing="4",
                    width="100%",
                ),
                rx.card(rx.text(empty, id=list_id + "-empty"), width="100%"),
            ),
        ),
    )


def team_closure() -> rx.Component:
    return closure_picture(
        "Feedback closure across your team, over the last year",
        TeamState.team_closure,
        TeamState.closure,
        TeamState.closure_chart,
        "Report",
        "team-closure",
        "No asks or recommendations for your team in the last year yet. Log them on each report's loop; "
        "how soon each is delivered or replied to shows here.",
    )


@page(routes.TEAM, "Your team", on_load=TeamState.load)
def team_page() -> rx.Component:
    return people_page(
        "Your team",
        "Your direct reports today. Coach each one inside their loop: log asks, record feedback, "
        "recommend next steps, rate competencies.",
        TeamState.loaded,
        TeamState.reports,
        _report,
        "reports",
        "No one reports to you right now. An admin sets reporting lines.",
        team_closure(),
    )


@page(routes.MENTEES, "Your mentees", on_load=MenteesState.load)
def mentees_page() -> rx.Component:
    return people_page(
        "Your mentees",
        "People who asked you to follow their progress. You can read and leave mentor notes; you change nothing else.",
        MenteesState.loaded,
        MenteesState.mentees,
        _mentee,
        "mentees",
        "No one has granted you mentor access yet.",
    )
