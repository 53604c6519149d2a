"""Labelled form fields with their error message beside them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import reflex as rx

from magicloop import styles

Label = str | rx.Var[str]
Errors = rx.Var[dict[str, str]]  # each field's message, by its form key
LABEL_STYLE = {"fontWeight": "500", "fontSize": "var(--font-size-2)"}


def field_error(field_id: str, error: rx.Var[str]) -> rx.Component:
    return rx.cond(
        error != "",
        rx.text(error, id=f"{field_id}-error", size="2", color=styles.ERROR_COLOR, role="alert"),
    )


def labelled(field_id: str, label: Label, control: rx.Component, error: rx.Var[str], hint: str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=field_id, style=LABEL_STYLE),
        control,
        rx.text(hint, size="1", color=styles.MUTED) if hint else rx.fragment(),
        field_error(field_id, error),
        spacing="1",
        width="100%",
    )


def group(legend: Label, *children: rx.Component, **props: Any) -> rx.Component:
    """Fields that answer one question together (checkboxes, radio buttons), named by their legend as a field is
    by its label; no frame of its own."""
    style = {"border": "none", "padding": 0, "margin": 0, **props.pop("style", {})}
    return rx.el.fieldset(rx.el.legend(legend, style=LABEL_STYLE), *children, style=style, **props)


def _error_of(errors: Errors, name: str) -> rx.Var[str]:
    return errors.get(name, "").to(str)


def _text_entry(
    make: Any, field_id: str, label: Label, error: rx.Var[str], name: str, hint: str, **props: Any
) -> rx.Component:
    """A text control, labelled, with its error beside it; the error is read out with the control."""
    control = make(id=field_id, name=name, width="100%", aria_describedby=f"{field_id}-error", **props)
    return labelled(field_id, label, control, error, hint)


def text_field(
    field_id: str, label: Label, errors: Errors, *, name: str | None = None, hint: str = "", **props: Any
) -> rx.Component:
    """An input whose form key is `name` (default: its id), marked invalid while its error shows."""
    name = name or field_id
    error = _error_of(errors, name)
    invalid = rx.cond(error != "", "true", "false")
    return _text_entry(rx.input, field_id, label, error, name, hint, aria_invalid=invalid, **props)


def text_area(
    field_id: str, label: Label, errors: Errors, *, name: str | None = None, hint: str = "", **props: Any
) -> rx.Component:
    """Lines of text, such as a reflection or a note; its form key is `name` (default: its id)."""
    name = name or field_id
    return _text_entry(rx.text_area, field_id, label, _error_of(errors, name), name, hint, **props)


def native_select(
    field_id: str, label: Label, errors: Errors, options: list[rx.Component], *, name: str | None = None, **props: Any
) -> rx.Component:
    """A native <select>: keyboard friendly, fast with hundreds of options."""
    name = name or field_id
    error = _error_of(errors, name)
    control = rx.el.select(
        *options,
        id=field_id,
        name=name,
        aria_describedby=f"{field_id}-error",
        style={
            "width": "100%",
            "height": "var(--space-6)",
            "borderRadius": "var(--radius-2)",
            "border": "1px solid var(--gray-a7)",
            "padding": "0 var(--space-2)",
            "background": "var(--color-surface)",
            "color": "var(--gray-12)",
            # The browser's own select text is larger and in its own font: match the text fields beside it.
            "fontFamily": "inherit",
            "fontSize": "var(--font-size-2)",
        },
        **props,
    )
    return labelled(field_id, label, control, error)


def submit_button(
    button_id: str, label: str | rx.Var[str], busy: rx.Var[bool] | bool = False, **props: Any
) -> rx.Component:
    """Disabled until the page's on_load has run: a submit sent sooner would be answered first and then wiped
    by the on_load resetting the form's messages (Reflex queues the on_load chain behind it)."""
    busy = rx.Var.create(busy)
    return rx.button(label, id=button_id, type="submit", loading=busy, disabled=busy | ~rx.State.is_hydrated, **props)


def server_form(
    *children: rx.Component,
    form_id: str,
    on_submit: Any,
    drafts_of: str | rx.Var[str] = "",
    keep_drafts: bool = True,
    **props: Any,
) -> rx.Component:
    """A form checked on the server; its messages appear beside the fields.

    What is typed in it and not yet saved survives a refresh (assets/drafts.js). A form that shows one subject
    after another under the same id (a dialog, a comment thread) names the one it shows in `drafts_of`, so a
    draft comes back only to its own; `keep_drafts=False` for filters, which mean nothing until applied."""
    drafts = {"data-drafts-of": drafts_of} if keep_drafts else {"data-drafts": "off"}
    return rx.form(
        *children,
        id=form_id,
        on_submit=on_submit,
        reset_on_submit=False,
        no_validate=True,
        custom_attrs=drafts,
        **props,
    )


def stacked_form(*fields: rx.Component, form_id: str, on_submit: Any, spacing: str = "3", **props: Any) -> rx.Component:
    """A server form whose fields stand one under another, across the full width: most of the app's forms."""
    return server_form(rx.vstack(*fields, spacing=spacing, width="100%"), form_id=form_id, on_submit=on_submit, **props)


def beside_fields(button: rx.Component) -> rx.Component:
    """A button in a row of labelled fields, lowered by a label's height so it lines up with the inputs."""
    return rx.box(button, padding_top="22px")


def field_columns(*fields: rx.Component) -> rx.Component:
    """Fields side by side in equal columns on a wider screen, one under another on a phone."""
    return rx.grid(*fields, columns=rx.breakpoints(initial="1", sm=str(len(fields))), spacing="3", width="100%")


def field_row(*fields: tuple[rx.Component, str], button: rx.Component | None = None) -> rx.Component:
    """Fields side by side, each growing by its flex (grow shrink basis), wrapping onto lines of their own on a
    phone; the button, if any, after them."""
    return rx.flex(
        *[rx.box(field, flex=flex) for field, flex in fields],
        *([beside_fields(button)] if button is not None else []),
        spacing="3",
        wrap="wrap",
        width="100%",
    )


def choices(pairs: Iterable[tuple[str, str]]) -> list[rx.Component]:
    """A select's options from (label, value) pairs."""
    return [rx.el.option(label, value=value) for label, value in pairs]


def form_card(title: str, description: str, *children: rx.Component, form_id: str, on_submit: Any) -> rx.Component:
    return rx.card(
        server_form(
            rx.vstack(
                rx.heading(title, size="6", as_="h1"),
                rx.text(description, color=styles.MUTED) if description else rx.fragment(),
                *children,
                spacing="4",
                width="100%",
            ),
            form_id=form_id,
            on_submit=on_submit,
        ),
        width="100%",
        max_width=styles.FORM_MAX_WIDTH,
        size="3",
    )
