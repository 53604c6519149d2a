"""An entry on the loop page — an ask, a recommendation, a step, a conversation, a note —
with its Edit and Delete buttons, and its form in place while it is edited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from magicloop.components.buttons import cancel_button, quiet_button
from magicloop.components.changed import changed_notice, opened_at
from magicloop.components.confirm import confirm_button
from magicloop.components.forms import choices, native_select, stacked_form, submit_button, text_area, text_field
from magicloop.services.tracking import PRIORITIES
from magicloop.state.edit import EditState, is_editing

ERRORS = EditState.errors


def entry(
    kind: str,
    item_id: rx.Var[int],
    shown: rx.Component,
    *fields: rx.Component,
    container: Callable[..., rx.Component] = rx.box,
    **props: Any,
) -> rx.Component:
    """`shown`, or while EditState says this entry is being edited, the form of its `fields`. Keyed by the
    entry, so a form being typed in stays with its entry when the list changes order around it."""
    entry_id = kind + "-" + item_id.to_string()
    form = stacked_form(
        changed_notice(EditState.changed, "entry"),
        opened_at(EditState.version),
        *fields,
        rx.hstack(
            submit_button("edit-submit", "Save changes", EditState.saving),
            cancel_button(id="edit-cancel", on_click=EditState.cancel),
            spacing="2",
        ),
        form_id="edit-form",
        on_submit=EditState.save,
        drafts_of=entry_id,
    )
    return container(rx.cond(is_editing(kind, item_id), form, shown), id=entry_id, key=entry_id, **props)


def entry_actions(
    kind: str, item_id: rx.Var[int], version: rx.Var[int], subject: rx.Var[str], warning: tuple[str, str]
) -> rx.Component:
    """Edit and Delete; `warning` is what the Delete dialog asks and says. Edit opens the form at `version`."""
    prefix, named = kind + "-" + item_id.to_string(), f" {kind}: " + subject  # each button's accessible name
    return rx.hstack(
        quiet_button(
            "Edit",
            size="1",
            id=prefix + "-edit",
            aria_label="Edit" + named,
            on_click=EditState.start(kind, item_id, version),
        ),
        confirm_button(
            "Delete",
            *warning,
            EditState.delete(kind, item_id),
            button_id=prefix + "-delete",
            aria_label="Delete" + named,
        ),
        spacing="2",
    )


def edit_text(name: str, label: str, value: Any, *, area: bool = True) -> rx.Component:
    make = text_area if area else text_field
    return make(f"edit-{name}", label, ERRORS, name=name, default_value=value)


def tracked_fields(kind: str, item) -> list[rx.Component]:
    """An ask's or a recommendation's."""
    fields = [
        edit_text("what", "What", item.what),
        edit_text("why", "Why", item.why),
        edit_text("due_on", "Due", item.due_on, area=False),
    ]
    priority = priority_select("edit-priority", ERRORS, default_value=item.priority)
    return [*fields, priority] if kind == "ask" else fields


def priority_select(field_id: str, errors: rx.Var[dict[str, str]], **props: Any) -> rx.Component:
    """An ask's priority: the same choices where it is logged and where it is edited."""
    return native_select(
        field_id, "Priority", errors, choices((p.capitalize(), p) for p in PRIORITIES), name="priority", **props
    )
