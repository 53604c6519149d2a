"""The calendar part of the settings page: a private subscription link and a one-off .ics file."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.confirm import confirm_button
from magicloop.components.forms import labelled
from magicloop.state.calendar import URL_FIELD, CalendarState


def _new_link() -> rx.Component:
    control = rx.input(id=URL_FIELD, read_only=True, width="100%", aria_describedby=f"{URL_FIELD}-hint")
    return rx.box(
        labelled(URL_FIELD, "Your calendar link", control, rx.Var.create("")),
        rx.text(
            "Copy it now into your calendar app's “subscribe to calendar” (or “from URL”): for your safety it "
            "is shown only this once. Anyone with the link sees your check-ins and due dates.",
            id=f"{URL_FIELD}-hint",
            size="1",
            color=styles.MUTED,
        ),
        width="100%",
        max_width=styles.FORM_MAX_WIDTH,
    )


def calendar_section() -> rx.Component:
    has_link = CalendarState.since != ""
    return rx.vstack(
        rx.text(
            rx.cond(
                has_link,
                "Your calendar link has been on since " + CalendarState.since + ".",
                "You have no calendar link.",
            ),
            size="2",
            id="calendar-status",
        ),
        rx.cond(CalendarState.shown, _new_link()),
        rx.flex(
            rx.cond(
                has_link,
                confirm_button(
                    "Make a new link",
                    "Make a new calendar link?",
                    "The current link stops working at once: calendars subscribed to it stop updating until "
                    "you subscribe them to the new one.",
                    CalendarState.make_link,
                    button_id="renew-calendar-link",
                    color_scheme="gray",
                    size="2",
                ),
                rx.button(
                    "Make a calendar link",
                    id="make-calendar-link",
                    loading=CalendarState.working,
                    on_click=CalendarState.make_link,
                ),
            ),
            rx.cond(
                has_link,
                confirm_button(
                    "Turn off link",
                    "Turn off your calendar link?",
                    "Calendars subscribed to it stop updating at once.",
                    CalendarState.turn_off_link,
                    button_id="turn-off-calendar-link",
                    size="2",
                ),
            ),
            rx.button(
                "Download .ics",
                id="download-calendar",
                variant="soft",
                on_click=CalendarState.download,
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )
