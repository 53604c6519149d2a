"""Culture pulses: those awaiting one's answer, those one runs, and a new one for colleagues."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.forms import field_error, group, stacked_form, submit_button, text_field
from magicloop.components.layout import once_loaded, page, page_header, sections
from magicloop.components.links import plain_link
from magicloop.components.sections import section
from magicloop.components.tables import stacked_table
from magicloop.services.pulse import INVITE_PREFIX, RESULTS_FROM
from magicloop.services.pulse_page import PulseRow
from magicloop.state.pulse import PulsesState

DISCIPLINES_IN_A_LINE = (
    "Customer Insight, Customer Foresight, Competitive Insight, Competitor Foresight, Peripheral Vision, "
    "Cross-Functional Collaboration, Empowerment and Strategic Alignment"
)


def _status(row: PulseRow) -> rx.Component:
    return rx.cond(
        row.is_open,
        rx.cond(row.awaiting_me, rx.badge("Awaiting your answer", color_scheme="amber"), rx.badge("Open")),
        rx.badge("Closed", color_scheme="gray"),
    )


def _row(row: PulseRow, prefix: str) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            plain_link(row.title, href=routes.PULSE_VIEW + "?id=" + row.id.to_string(), id=prefix + row.id.to_string())
        ),
        rx.table.cell(row.runner),
        rx.table.cell(row.started_on),
        rx.table.cell(row.answered.to_string() + " of " + row.invited.to_string() + " answered"),
        rx.table.cell(_status(row)),
    )


def _pulses(rows: rx.Var[list[PulseRow]], table_id: str, prefix: str, empty: str) -> rx.Component:
    return rx.cond(
        rows.length() > 0,
        stacked_table(
            ["Pulse", "Run by", "Started", "Answers", "Status"],
            rx.foreach(rows, lambda row: _row(row, prefix)),
            table_id,
        ),
        rx.text(empty, size="2", color=styles.MUTED, id=table_id + "-empty"),
    )


def _colleague_box(colleague) -> rx.Component:
    box_id = "colleague-" + colleague.id.to_string()
    return rx.el.label(
        rx.el.input(type="checkbox", id=box_id, name=INVITE_PREFIX + colleague.id.to_string()),
        rx.text(colleague.name, as_="span", size="2"),
        html_for=box_id,
        style={"display": "flex", "gap": "var(--space-2)", "alignItems": "center", "minHeight": "32px"},
    )


def new_pulse() -> rx.Component:
    return section(
        "Run a new pulse",
        f"Ask colleagues to rate {DISCIPLINES_IN_A_LINE}, each from 1 to 5. Answers are anonymous: nobody, you "
        f"included, sees who answered what, and results show only once {RESULTS_FROM} have answered.",
        rx.cond(
            PulsesState.colleagues.length() > 0,
            stacked_form(
                text_field(
                    "title",
                    "Title",
                    PulsesState.errors,
                    placeholder="How customer-centric is our team this quarter?",
                    max_length=120,
                ),
                group(
                    "Colleagues to ask",
                    rx.box(
                        rx.foreach(PulsesState.colleagues, _colleague_box),
                        max_height="16em",
                        overflow_y="auto",
                        width="100%",
                    ),
                    field_error("invitees", PulsesState.errors.get("invitees", "").to(str)),
                    aria_describedby="invitees-error",
                    id="invitees",
                    style={"width": "100%"},
                ),
                submit_button("pulse-start", "Start the pulse", PulsesState.saving),
                form_id="pulse-form",
                on_submit=PulsesState.start,
            ),
            rx.text(
                "Nobody else in your organisation has an account yet: ask your admin to invite your colleagues, "
                "then run a pulse with them.",
                size="2",
                color=styles.MUTED,
                id="pulse-no-colleagues",
            ),
        ),
        section_id="new-pulse",
    )


@page(routes.PULSE, "Culture pulse", on_load=PulsesState.load)
def pulses_page() -> rx.Component:
    return once_loaded(
        PulsesState.loaded,
        sections(
            page_header(
                "Culture pulse",
                "A short, anonymous survey of how customer-centric your team works, on the eight disciplines of a "
                "customer-centric culture.",
            ),
            section(
                "Asked of you",
                "Pulses colleagues asked you to answer.",
                _pulses(
                    PulsesState.invited,
                    "pulses-invited",
                    "invited-",
                    "Nobody has asked you to answer a pulse yet. When someone does, it shows here and in your "
                    "notifications.",
                ),
                section_id="pulses-asked",
            ),
            section(
                "Your pulses",
                "Pulses you run: open one to read its results, close it, or attach it to an ask or an idea.",
                _pulses(
                    PulsesState.mine,
                    "pulses-mine",
                    "mine-",
                    "You haven't run a pulse yet: start one below.",
                ),
                section_id="pulses-mine-section",
            ),
            new_pulse(),
        ),
    )
