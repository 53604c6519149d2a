"""One culture pulse: answer it, read its results once enough have answered, and for its runner close it or
attach it as the evidence of an ask or an idea."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.buttons import quiet_button
from magicloop.components.forms import (
    choices,
    field_error,
    group,
    native_select,
    stacked_form,
    submit_button,
    text_area,
)
from magicloop.components.layout import once_loaded, page, refused_or, sections
from magicloop.components.links import text_link
from magicloop.components.sections import section
from magicloop.components.tables import stacked_table
from magicloop.models import DISCIPLINES
from magicloop.services.pulse_page import Choice, DisciplineResult
from magicloop.state.pulse import PulseState

PULSE = PulseState.pulse
SCORE_MEANINGS = "1 means we rarely do this, 5 means it is how we work every day."


def header() -> rx.Component:
    return rx.vstack(
        rx.heading(PULSE.title, size="7", as_="h1", id="pulse-title"),
        rx.text(
            "Run by ",
            PULSE.runner,
            ", started ",
            PULSE.started_on,
            rx.cond(PULSE.closed_on != "", ", closed " + PULSE.closed_on, ""),
            ". ",
            PULSE.answered.to_string() + " of " + PULSE.invited.to_string() + " answered.",
            color=styles.MUTED,
            id="pulse-participation",
        ),
        rx.cond(
            PULSE.evidence_link != "",
            rx.text(
                "Evidence of: ",
                text_link(PULSE.evidence_label, href=PULSE.evidence_link, id="pulse-evidence-link"),
                size="2",
            ),
        ),
        text_link("All your pulses", href=routes.PULSE, id="pulse-back", size="2"),
        spacing="2",
        width="100%",
    )


def _score(column: str, name: str) -> rx.Component:
    """One discipline's five scores as radio buttons, named and described by a legend; its error beside it."""
    return group(
        name,
        rx.hstack(
            *[
                rx.el.label(
                    rx.el.input(type="radio", name=column, value=str(n), id=f"score-{column}-{n}"),
                    rx.text(str(n), as_="span", size="2"),
                    html_for=f"score-{column}-{n}",
                    style={"display": "flex", "gap": "4px", "alignItems": "center", "minHeight": "32px"},
                )
                for n in range(1, 6)
            ],
            spacing="4",
            wrap="wrap",
        ),
        field_error(column, PulseState.errors.get(column, "").to(str)),
        id=column,
        aria_describedby=f"{column}-error",
    )


def answer_form() -> rx.Component:
    return section(
        "Your answer",
        "How well does the team practise each discipline? " + SCORE_MEANINGS + " Your answer is anonymous: it is "
        "stored apart from your name, and results show only as a whole, once enough colleagues have answered.",
        stacked_form(
            *[_score(column, name) for column, name in DISCIPLINES],
            text_area(
                "comment",
                "Comment (optional)",
                PulseState.errors,
                rows="3",
                hint="Shown with the results, without your name, among the others in the order of their text.",
            ),
            submit_button("pulse-answer", "Send my answer", PulseState.saving),
            form_id="pulse-answer-form",
            on_submit=PulseState.answer,
        ),
        section_id="pulse-answer-section",
    )


def _result_row(result: DisciplineResult) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(result.name),
        rx.table.cell(result.mean),
        rx.table.cell(result.spread),
        *[rx.table.cell(result.counts[n].to_string()) for n in range(5)],
    )


def results() -> rx.Component:
    return section(
        "Results",
        "The mean score of each discipline, the lowest and highest given, and how many gave each score.",
        rx.cond(
            PULSE.results.length() > 0,
            rx.vstack(
                stacked_table(
                    ["Discipline", "Mean", "Lowest–highest", "Gave 1", "Gave 2", "Gave 3", "Gave 4", "Gave 5"],
                    rx.foreach(PULSE.results, _result_row),
                    "pulse-results",
                ),
                rx.heading("Comments", size="3", as_="h3"),
                rx.cond(
                    PULSE.comments.length() > 0,
                    rx.el.ul(
                        rx.foreach(PULSE.comments, lambda c: rx.el.li(rx.text(c, size="2"))),
                        id="pulse-comments",
                        style={"paddingLeft": "var(--space-4)"},
                    ),
                    rx.text("Nobody left a comment.", size="2", color=styles.MUTED, id="pulse-comments"),
                ),
                spacing="3",
                width="100%",
            ),
            rx.callout(
                PULSE.answered.to_string() + " of " + PULSE.results_from.to_string() + " responses needed. "
                "Results show once " + PULSE.results_from.to_string() + " colleagues have answered, so that no "
                "answer can be told apart.",
                icon="lock",
                color_scheme="gray",
                id="pulse-results-hidden",
                width="100%",
            ),
        ),
        section_id="pulse-results-section",
    )


def _choice(choice: Choice) -> rx.Component:
    return rx.el.option(choice.label, value=choice.value)


def runner_tools() -> rx.Component:
    return section(
        "Running this pulse",
        "You asked: " + PULSE.invitees.join(", ") + ". Who answered stays unknown, to you as to everyone.",
        stacked_form(
            native_select(
                "evidence",
                "The evidence of",
                PulseState.errors,
                [*choices([("Nothing: not attached", "")]), rx.foreach(PULSE.choices, _choice)],
                default_value=PULSE.evidence,
                key=PULSE.evidence,
            ),
            rx.text(
                "Attach the pulse to an ask or an idea of your loops: whoever sees that item may read its results "
                "(never who answered), once enough have answered.",
                size="1",
                color=styles.MUTED,
            ),
            submit_button("pulse-attach", "Save", PulseState.saving, variant="soft"),
            form_id="pulse-attach-form",
            on_submit=PulseState.attach,
        ),
        rx.cond(
            PULSE.closed_on == "",
            quiet_button("Close the pulse", id="pulse-close", type="button", on_click=PulseState.close),
            rx.text("Closed: it takes no more answers.", size="2", color=styles.MUTED, id="pulse-closed"),
        ),
        section_id="pulse-runner",
    )


PULSE_ACCESS = (
    "A pulse is open to the colleague who runs it and to the colleagues it asks; once it is attached to an "
    "ask or an idea as evidence, also to whoever sees that item. If you think you should see it, ask its runner."
)


@page(routes.PULSE_VIEW, "Culture pulse", on_load=PulseState.load)
def pulse_view_page() -> rx.Component:
    return once_loaded(
        PulseState.loaded,
        refused_or(
            PulseState,
            "This pulse isn't open to you",
            "pulse-problem",
            sections(
                header(),
                rx.cond(PULSE.can_answer, answer_form()),
                rx.cond(
                    PULSE.i_answered,
                    rx.callout(
                        "You answered this pulse. Thank you.", icon="check", color_scheme="green", id="pulse-thanks"
                    ),
                ),
                results(),
                rx.cond(PULSE.role == "runner", runner_tools()),
            ),
            PULSE_ACCESS,
        ),
    )
