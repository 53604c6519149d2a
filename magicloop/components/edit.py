"""In-place edit forms for items on the loop page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from magicloop.components.forms import native_select, server_form, submit_button, text_area, text_field
from magicloop.services.asks import PRIORITIES
from magicloop.state.edit import EditState

ERRORS = EditState.errors


def edit_form(*fields: rx.Component) -> rx.Component:
    return server_form(
        rx.vstack(
            *fields,
            rx.hstack(
                submit_button("edit-submit", "Save changes", EditState.saving),
                rx.button(
                    "Cancel",
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    id="edit-cancel",
                    on_click=EditState.cancel,
                ),
                spacing="2",
            ),
            spacing="3",
            width="100%",
        ),
        form_id="edit-form",
        on_submit=EditState.save,
    )


def edit_text(name: str, label: str, value: Any, *, area: bool = True) -> rx.Component:
    make = text_area if area else text_field
    return make(f"edit-{name}", label, ERRORS, name=name, default_value=value)


def edit_tracked(item) -> rx.Component:
    """An ask or a recommendation."""
    return edit_form(
        edit_text("what", "What", item.what),
        edit_text("why", "Why", item.why),
        edit_text("due_on", "Due", item.due_on, area=False),
        rx.cond(
            item.kind == "ask",
            native_select(
                "edit-priority",
                "Priority",
                ERRORS,
                [rx.el.option(p.capitalize(), value=p) for p in PRIORITIES],
                name="priority",
                default_value=item.priority,
            ),
        ),
    )
