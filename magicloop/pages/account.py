"""Parts of the settings page: one's email address, and the browsers one is signed in on."""

from __future__ import annotations

import reflex as rx

from magicloop import styles
from magicloop.components.confirm import confirm_button
from magicloop.components.forms import server_form, submit_button, text_field
from magicloop.components.sections import section
from magicloop.components.tables import stacked_table
from magicloop.services.sessions import SessionRow
from magicloop.state.account import AccountState
from magicloop.state.auth import AuthState


def email_section() -> rx.Component:
    errors = AccountState.email_errors
    form = server_form(
        rx.vstack(
            rx.text("Your email now: ", rx.text.strong(AuthState.me.email, id="current-email"), size="2"),
            text_field("new_email", "New email", errors, type="email", auto_complete="email"),
            text_field(
                "email-current-password",
                "Your password",
                errors,
                name="current_password",
                type="password",
                auto_complete="current-password",
            ),
            submit_button("email-submit", "Send a confirmation link", AccountState.changing_email),
            rx.cond(
                AccountState.email_sent_to != "",
                rx.callout(
                    rx.text(
                        "A link is on its way to ",
                        rx.text.strong(AccountState.email_sent_to),
                        ". Your email changes once you follow it; your old address is told.",
                    ),
                    icon="mail",
                    id="email-sent",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
            max_width=styles.FORM_MAX_WIDTH,
        ),
        form_id="email-form",
        on_submit=AccountState.change_email,
    )
    return section("Email", "You sign in with it, and mail from Magic Loop goes to it.", form, section_id="email")


def _session_row(row: SessionRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.hstack(rx.text(row.device), rx.cond(row.current, rx.badge("this session", variant="soft")), spacing="2")
        ),
        rx.table.cell(row.started),
        rx.table.cell(row.last_seen),
        rx.table.cell(
            rx.cond(
                row.current,
                rx.fragment(),
                confirm_button(
                    "End",
                    rx.text("End the session on ", row.device, "?"),
                    "That browser is signed out at once.",
                    AccountState.end_session(row.id),
                    button_id="end-session-" + row.id.to_string(),
                    aria_label="End the session on " + row.device + ", last seen " + row.last_seen,
                ),
            )
        ),
        id="session-" + row.id.to_string(),
    )


def sessions_section() -> rx.Component:
    return section(
        "Where you're signed in",
        "Each browser signed in to your account. End any you don't recognise, then change your password.",
        stacked_table(
            ["Browser", "Signed in", "Last seen", ""], rx.foreach(AccountState.sessions, _session_row), "sessions-table"
        ),
        rx.cond(
            AccountState.sessions.length() > 1,
            confirm_button(
                "Sign out everywhere else",
                "Sign out everywhere else?",
                "Every other browser signed in to your account is signed out at once; this one stays.",
                AccountState.end_other_sessions,
                button_id="end-other-sessions",
                size="2",
            ),
        ),
        section_id="sessions",
    )
