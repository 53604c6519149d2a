"""Admin: the organisation's competency framework — the current version, and a draft of the next one."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.buttons import quiet_button
from magicloop.components.forms import field_error, server_form, submit_button, text_field
from magicloop.components.layout import once_loaded, page, page_header, sections
from magicloop.components.lists import empty_note
from magicloop.components.sections import section
from magicloop.services.framework import BASED_ON, ORDER, CompetencyEntry
from magicloop.state.framework import FORM_ID, DraftRow, FrameworkState

VIEW = FrameworkState.framework
ERRORS = FrameworkState.errors
LABEL = {"fontWeight": "500", "fontSize": "var(--font-size-2)"}


def _error(field_id: rx.Var[str]) -> rx.Component:
    error = ERRORS.get(field_id, "").to(str)
    return rx.cond(
        error != "", rx.text(error, id=field_id + "-error", size="2", color=styles.ERROR_COLOR, role="alert")
    )


def _current(entry: CompetencyEntry) -> rx.Component:
    return rx.list_item(
        rx.text.strong(entry.name), rx.cond(entry.description != "", rx.text.span(" — " + entry.description))
    )


def current_section() -> rx.Component:
    return section(
        "Version " + VIEW.version.to_string() + ": " + VIEW.name,
        "Published " + VIEW.published_on + ". Loops started since use it; each loop keeps the version it started "
        "on, so its ratings keep their meaning.",
        rx.cond(
            VIEW.competencies.length() > 0,
            rx.el.ol(
                rx.foreach(VIEW.competencies, _current),
                id="current-competencies",
                style={"paddingLeft": "1.5em", "listStyleType": "decimal"},
            ),
            empty_note("This version has no competencies: add the first one in the draft below.", "current-empty"),
        ),
        section_id="current-version",
    )


def _move(row: DraftRow, number: rx.Var[str], step: int, icon: str, where: str) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=16, aria_hidden="true"),
        type="button",
        size="1",
        variant="soft",
        color_scheme="gray",
        aria_label="Move competency " + number + " " + where,
        id="move-" + where + "-" + row.row_id,
        on_click=FrameworkState.move(row.row_id, step),
    )


def _draft_field(make, label: rx.Var, field_id: rx.Var, value: rx.Var, flex: str, **props) -> rx.Component:
    """A labelled field of a draft row, its message beside it; uncontrolled, so what is typed stays while the
    rows around it change."""
    error = ERRORS.get(field_id, "").to(str)
    return rx.vstack(
        rx.el.label(label, html_for=field_id, style=LABEL),
        make(
            id=field_id,
            name=field_id,
            default_value=value,
            width="100%",
            aria_describedby=field_id + "-error",
            aria_invalid=rx.cond(error != "", "true", "false"),
            **props,
        ),
        _error(field_id),
        spacing="1",
        flex=flex,
    )


def _row(row: DraftRow, index: rx.Var[int]) -> rx.Component:
    number = (index + 1).to_string()
    return rx.box(
        rx.flex(
            _draft_field(
                rx.input, "Name of competency " + number, "name-" + row.row_id, row.name, "1 1 220px", max_length=120
            ),
            _draft_field(
                rx.text_area,
                "Description of competency " + number,
                "description-" + row.row_id,
                row.description,
                "2 1 280px",
                max_length=500,
                rows="2",
            ),
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        rx.flex(
            _move(row, number, -1, "arrow-up", "up"),
            _move(row, number, 1, "arrow-down", "down"),
            rx.cond(
                row.is_new,
                quiet_button(
                    "Remove",
                    type="button",
                    size="1",
                    id="remove-" + row.row_id,
                    aria_label="Remove new competency " + number,
                    on_click=FrameworkState.remove_new(row.row_id),
                ),
                rx.el.label(
                    rx.el.input(type="checkbox", name="retire-" + row.row_id, id="retire-" + row.row_id),
                    " Retire competency " + number + " from the next version",
                    style={"fontSize": "var(--font-size-2)", "display": "flex", "gap": "var(--space-1)"},
                ),
            ),
            spacing="3",
            align="center",
            wrap="wrap",
            margin_top="var(--space-2)",
        ),
        key=row.row_id,
        id="row-" + row.row_id,
        padding_y="var(--space-3)",
        border_bottom="1px solid var(--gray-a4)",
        width="100%",
    )


def _publish_button() -> rx.Component:
    """Asks first; its confirm button sends the draft's form (the dialog is drawn outside it)."""
    next_version = (VIEW.version + 1).to_string()
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button("Publish version " + next_version, type="button", id="publish", loading=FrameworkState.publishing)
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Publish version " + next_version + "?"),
            rx.alert_dialog.description(
                "Loops started from now on are rated against it. Loops already started keep version "
                + VIEW.version.to_string()
                + ", and their ratings are compared with later loops competency by competency, renamed or not."
            ),
            rx.hstack(
                rx.alert_dialog.cancel(quiet_button("Cancel")),
                rx.alert_dialog.action(
                    submit_button("publish-confirm", "Publish", FrameworkState.publishing, form=FORM_ID)
                ),
                justify="end",
                spacing="3",
                margin_top="var(--space-4)",
            ),
        ),
    )


def draft_section() -> rx.Component:
    return section(
        "Draft of version " + (VIEW.version + 1).to_string(),
        "Rename, describe, reorder, add or retire competencies, then publish the draft as the next version. "
        "Nothing changes for anyone until you publish. A retired competency stays on the loops that rated it.",
        server_form(
            rx.vstack(
                rx.el.input(type="hidden", name=BASED_ON, value=VIEW.version.to_string()),
                rx.el.input(type="hidden", name=ORDER, value=FrameworkState.order),
                field_error("framework", ERRORS.get("framework", "").to(str)),
                text_field("framework-name", "Framework name", ERRORS, name="name", default_value=VIEW.name),
                rx.cond(
                    FrameworkState.rows.length() > 0,
                    rx.vstack(rx.foreach(FrameworkState.rows, _row), spacing="0", width="100%", id="draft-rows"),
                    empty_note("No competencies in the draft: add one to rate people against.", "draft-empty"),
                ),
                field_error("competencies", ERRORS.get("competencies", "").to(str)),
                rx.flex(
                    quiet_button(
                        "Add a competency", type="button", id="add-competency", on_click=FrameworkState.add_competency
                    ),
                    _publish_button(),
                    quiet_button("Start again", type="button", id="start-again", on_click=FrameworkState.start_again),
                    spacing="3",
                    wrap="wrap",
                ),
                spacing="3",
                width="100%",
            ),
            form_id=FORM_ID,
            on_submit=FrameworkState.publish,
        ),
        section_id="draft",
    )


@page(routes.FRAMEWORK, "Competency framework", on_load=FrameworkState.load)
def competency_framework() -> rx.Component:
    return once_loaded(
        FrameworkState.loaded,
        sections(
            page_header(
                "Competency framework",
                "What people rate themselves and their reports against in the Reflect stage. Publishing a new "
                "version changes nothing on loops already started.",
            ),
            current_section(),
            draft_section(),
        ),
    )
