"""Labelled form fields with their error message beside them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import reflex as rx

from magicloop import styles


def field_error(field_id: str, error: rx.Var[str]) -> rx.Component:
    return rx.cond(
        error != "",
        rx.text(error, id=f"{field_id}-error", size="2", color=styles.ERROR_COLOR, role="alert"),
    )


def labelled(
    field_id: str, label: str | rx.Var[str], control: rx.Component, error: rx.Var[str], hint: str = ""
) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=field_id, style={"fontWeight": "500", "fontSize": "var(--font-size-2)"}),
        control,
        rx.text(hint, size="1", color=styles.MUTED) if hint else rx.fragment(),
        field_error(field_id, error),
        spacing="1",
        width="100%",
    )


def text_field(
    field_id: str,
    label: str | rx.Var[str],
    errors: rx.Var[dict[str, str]],
    *,
    name: str | None = None,
    hint: str = "",
    **props: Any,
) -> rx.Component:
    """An input whose form key is `name` (default: its id)."""
    name = name or field_id
    error = errors.get(name, "").to(str)
    control = rx.input(
        id=field_id,
        name=name,
        width="100%",
        aria_invalid=rx.cond(error != "", "true", "false"),
        aria_describedby=f"{field_id}-error",
        **props,
    )
    return labelled(field_id, label, control, error, hint)


def text_area(
    field_id: str,
    label: str | rx.Var[str],
    errors: rx.Var[dict[str, str]],
    *,
    name: str | None = None,
    hint: str = "",
    **props: Any,
) -> rx.Component:
    name = name or field_id
    error = errors.get(name, "").to(str)
    control = rx.text_area(id=field_id, name=name, width="100%", aria_describedby=f"{field_id}-error", **props)
    return labelled(field_id, label, control, error, hint)


def native_select(
    field_id: str,
    label: str | rx.Var[str],
    errors: rx.Var[dict[str, str]],
    options: list[rx.Component],
    *,
    name: str | None = None,
    **props: Any,
) -> rx.Component:
    """A native <select>: keyboard friendly, fast with hundreds of options."""
    name = name or field_id
    error = errors.get(name, "").to(str)
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
        },
        **props,
    )
    return labelled(field_id, label, control, error)


def submit_button(button_id: str, label: str | rx.Var[str], busy: rx.Var[bool], **props: Any) -> rx.Component:
    return rx.button(label, id=button_id, type="submit", loading=busy, **props)


def server_form(*children: rx.Component, form_id: str, on_submit: Any, **props: Any) -> rx.Component:
    """A form checked on the server; its messages appear beside the fields."""
    return rx.form(*children, id=form_id, on_submit=on_submit, reset_on_submit=False, no_validate=True, **props)


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
