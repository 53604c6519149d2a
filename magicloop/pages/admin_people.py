"""The admin page's people: each member's status, and what an admin does for them — a password reset link,
making them admin, disabling — and stepping down oneself."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.confirm import confirm_button
from magicloop.components.sections import section
from magicloop.components.tables import stacked_table
from magicloop.services.roster import PersonRow
from magicloop.state.admin import AdminState
from magicloop.state.auth import AuthState


def _actions(person: PersonRow) -> rx.Component:
    """What an admin may do for someone else who is active."""
    return rx.flex(
        confirm_button(
            "Send reset link",
            rx.text("Mail ", person.display_name, " a password reset link?"),
            "It goes to their address and works once, within an hour. You never see it.",
            AdminState.send_reset_link(person.id),
            button_id=f"reset-link-{person.id}",
            color_scheme="gray",
            aria_label="Send " + person.display_name + " a password reset link",
        ),
        rx.cond(
            person.is_admin,
            rx.fragment(),
            confirm_button(
                "Make admin",
                rx.text("Make ", person.display_name, " an admin?"),
                "They can then invite people, set reporting lines, disable accounts and export the organisation.",
                AdminState.make_admin(person.id),
                button_id=f"make-admin-{person.id}",
                color_scheme="gray",
                aria_label="Make " + person.display_name + " an admin",
            ),
        ),
        confirm_button(
            "Disable",
            rx.text("Disable ", person.display_name, "?"),
            "They are signed out at once and can't sign in until you enable them again. Their history stays.",
            AdminState.set_disabled(person.id, True),
            button_id=f"disable-{person.id}",
            aria_label="Disable " + person.display_name,
        ),
        spacing="2",
        wrap="wrap",
    )


def _own_actions() -> rx.Component:
    return confirm_button(
        "Step down as admin",
        "Step down as admin?",
        "You keep your account and your loops, but can no longer open this page. Another admin must remain.",
        AdminState.step_down,
        button_id="step-down",
    )


def _person_row(person: PersonRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.hstack(
                rx.text(person.display_name), rx.cond(person.is_admin, rx.badge("admin", variant="soft")), spacing="2"
            )
        ),
        rx.table.cell(person.email),
        rx.table.cell(rx.cond(person.managers != "", person.managers, rx.text("—", color=styles.MUTED))),
        rx.table.cell(
            rx.cond(person.disabled, rx.badge("disabled", color_scheme="red"), rx.badge("active", color_scheme="green"))
        ),
        rx.table.cell(
            rx.cond(
                person.id == AuthState.me.id,
                _own_actions(),
                rx.cond(
                    person.disabled,
                    rx.button(
                        "Enable",
                        size="1",
                        variant="soft",
                        id=f"enable-{person.id}",
                        on_click=AdminState.set_disabled(person.id, False),
                    ),
                    _actions(person),
                ),
            )
        ),
        id=f"person-{person.id}",
    )


def people_section() -> rx.Component:
    return section(
        "People",
        "Everyone in your organisation. The organisation always keeps at least one admin.",
        stacked_table(
            ["Name", "Email", "Manager", "Status", ""], rx.foreach(AdminState.people, _person_row), "people-table"
        ),
        section_id="people",
    )
