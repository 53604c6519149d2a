"""What people download: the growth packet, their own data, their organisation (for an admin)."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.forms import (
    choices,
    field_error,
    field_row,
    native_select,
    server_form,
    submit_button,
    text_field,
)
from magicloop.components.sections import section
from magicloop.state.exports import ExportState


def _private_notes_box() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.checkbox(id="packet-private", name="private_notes", aria_describedby="packet-private-error"),
            rx.el.label(
                "Include my private notes", html_for="packet-private", style={"fontSize": "var(--font-size-2)"}
            ),
            align="center",
            spacing="2",
        ),
        field_error("packet-private", ExportState.packet_errors.get("private_notes", "").to(str)),
        spacing="1",
    )


def packet_section(own: rx.Var[bool]) -> rx.Component:
    """The packet of the person whose page this is; `own`: they are the one looking."""
    errors = ExportState.packet_errors
    return section(
        "Growth packet",
        "The case for a promotion or a review: the goal, each loop's asks and recommendations with their "
        "evidence and replies, competency ratings over time and the Success Index per quarter.",
        server_form(
            rx.vstack(
                field_row(
                    (
                        text_field("packet-since", "From", errors, name="since", placeholder="12 months ago"),
                        "1 1 150px",
                    ),
                    (text_field("packet-until", "To", errors, name="until", placeholder="today"), "1 1 150px"),
                    (
                        native_select(
                            "packet-format",
                            "Format",
                            errors,
                            choices([("PDF", "pdf"), ("Markdown", "markdown")]),
                            name="format",
                            default_value="pdf",
                        ),
                        "1 1 130px",
                    ),
                ),
                rx.cond(
                    own,
                    _private_notes_box(),
                    rx.text("Private notes are never part of it.", size="1", color=styles.MUTED),
                ),
                submit_button("packet-submit", "Export packet", ExportState.preparing_packet),
                spacing="3",
                width="100%",
            ),
            form_id="packet-form",
            on_submit=ExportState.export_packet,
        ),
        section_id="packet",
    )


def _download_section(what: str, title: str, description: str, label: str, button_id: str) -> rx.Component:
    return section(
        title,
        description,
        rx.button(
            rx.icon("download", size=16),
            label,
            id=button_id,
            variant="soft",
            loading=ExportState.preparing == what,
            on_click=ExportState.download(what),
        ),
        section_id=f"{button_id}-section",
    )


def my_data_section() -> rx.Component:
    return _download_section(
        "mine",
        "Your data",
        "Everything that is yours — your account, your loops and everything in them, private notes included, "
        "your comments, notifications, timeline and mentors — as one JSON file, in a documented format.",
        "Download my data",
        "my-data-download",
    )


def organisation_export_section() -> rx.Component:
    return _download_section(
        "organisation",
        "Export the organisation",
        "Everyone's data as one JSON file, to move the organisation to another Magic Loop instance "
        "(python -m magicloop.portability import FILE there). It holds every loop and private note, and "
        "password hashes so people keep their passwords: keep it as safe as a backup. It is in the security log.",
        "Export the organisation",
        "organisation-export",
    )
