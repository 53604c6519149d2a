"""Buttons for the secondary actions beside a page's next step."""

from __future__ import annotations

from typing import Any

import reflex as rx


def quiet_button(label: Any, **props: Any) -> rx.Component:
    """Soft and grey, so the page's next step (a solid button) stands out beside it."""
    return rx.button(label, variant="soft", color_scheme="gray", **props)


def cancel_button(label: str = "Cancel", **props: Any) -> rx.Component:
    """Leaves a form unsent: a plain button, not a submit, so Enter in a field still sends the form."""
    return quiet_button(label, type="button", **props)
