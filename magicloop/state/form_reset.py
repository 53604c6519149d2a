"""Emptying a form in the browser once what it sent is saved."""

from __future__ import annotations

import reflex as rx


def clear_form(form_id: str) -> rx.event.EventSpec:
    """Yield it before the state that shows what was saved. Reflex sends a handler's changes and the events
    yielded with them as two messages, changes first: a reset yielded with the new list could arrive after the
    person saw their entry listed and began typing the next one, and wipe it."""
    return rx.call_script(f"document.getElementById('{form_id}').reset()")
