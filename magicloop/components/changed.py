"""A save refused because someone else saved first: their version beside the form, what the person typed kept
in it; and the hidden field that carries the version a form was opened at (services/versions.py)."""

from __future__ import annotations

import reflex as rx

from magicloop.services.versions import CHANGED, FIELD, Changed, Shown

# What the person can do next, said under their version.
KEEP_OR_CANCEL = (
    "What you typed is still in the form: save again to replace their version with yours, or cancel to keep theirs."
)
KEEP = "What you typed is still in the form: save again to replace their version with yours."


def opened_at(version: rx.Var[int], name: str | rx.Var[str] = FIELD) -> rx.Component:
    """The version the form was opened at, sent with it."""
    return rx.el.input(type="hidden", name=name, value=version.to_string())


def _field(field: Shown) -> rx.Component:
    return rx.text(rx.text.strong(field.label + ": "), field.text, size="2", white_space="pre-wrap")


def changed_notice(changed: rx.Var[Changed], form: str | rx.Var[str], next_step: str = KEEP_OR_CANCEL) -> rx.Component:
    """Shown in the form named `form` while its last save was refused."""
    return rx.cond(
        changed.form == form,
        rx.callout.root(
            rx.callout.icon(rx.icon("users", aria_hidden="true")),
            rx.vstack(
                rx.text(CHANGED, weight="bold", size="2"),
                rx.cond(
                    changed.fields.length() > 0,
                    rx.vstack(rx.text("It now reads:", size="2"), rx.foreach(changed.fields, _field), spacing="1"),
                ),
                *([rx.text(next_step, size="2")] if next_step else []),
                spacing="2",
            ),
            color_scheme="amber",
            high_contrast=True,
            role="alert",
            id=form + "-changed",
            width="100%",
        ),
    )
