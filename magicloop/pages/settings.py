"""Settings: profile, time zone, check-in rhythm, advanced mode, calendar, mentors, password."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.confirm import confirm_button
from magicloop.components.exports import my_data_section
from magicloop.components.forms import field_row, native_select, server_form, submit_button, text_field
from magicloop.components.layout import page
from magicloop.components.lists import empty_note
from magicloop.components.sections import section
from magicloop.components.tables import stacked_table
from magicloop.components.time_zones import time_zone_select
from magicloop.pages.access import new_password_fields
from magicloop.pages.account import email_section, sessions_section
from magicloop.pages.calendar import calendar_section
from magicloop.services.cadence import CADENCES, CUSTOM
from magicloop.services.mentoring import GrantRow
from magicloop.services.rhythm import RULE_FIELD
from magicloop.state.auth import AuthState
from magicloop.state.settings import MentorGrantsState, SettingsState


def rhythm_fields() -> rx.Component:
    errors, me = SettingsState.profile_errors, AuthState.me
    custom = (SettingsState.cadence_choice == CUSTOM) | ((SettingsState.cadence_choice == "") & (me.cadence == CUSTOM))
    return rx.vstack(
        native_select(
            "cadence",
            "Check-in rhythm with your manager",
            errors,
            [
                *[rx.el.option(name.capitalize(), value=name) for name in CADENCES],
                rx.el.option("A rule of my own", value=CUSTOM),
            ],
            default_value=me.cadence,
            on_change=SettingsState.choose_cadence,
        ),
        rx.cond(
            custom,
            text_field(
                RULE_FIELD,
                "Your rhythm as an iCalendar rule (RRULE)",
                errors,
                default_value=me.checkin_rule,
                placeholder="FREQ=WEEKLY;BYDAY=MO",
                auto_complete="off",
                spell_check=False,
                hint="For example FREQ=MONTHLY;BYDAY=1MO for the first Monday of each month, or "
                "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH for every third Thursday.",
            ),
        ),
        rx.cond(
            SettingsState.next_checkins.length() > 0,
            rx.box(
                rx.text("Your next check-ins, on your own calendar:", size="2"),
                rx.el.ul(
                    rx.foreach(SettingsState.next_checkins, lambda day: rx.el.li(rx.text(day, size="2"))),
                    style={"paddingLeft": "var(--space-5)", "margin": "var(--space-1) 0 0"},
                ),
                id="next-checkins",
            ),
        ),
        spacing="2",
        width="100%",
    )


def profile_form() -> rx.Component:
    errors = SettingsState.profile_errors
    me = AuthState.me
    return server_form(
        rx.vstack(
            rx.text("Email: ", rx.text.strong(me.email), size="2"),
            text_field("display_name", "Your name", errors, default_value=me.display_name, auto_complete="name"),
            time_zone_select(errors, default_value=me.time_zone),
            rhythm_fields(),
            rx.hstack(
                rx.switch(id="advanced_mode", name="advanced_mode", default_checked=me.advanced_mode),
                rx.el.label(
                    "Advanced mode: suggest ideas to my manager instead of only asking",
                    html_for="advanced_mode",
                    style={"fontSize": "var(--font-size-2)"},
                ),
                align="center",
            ),
            rx.text(
                "For seniors who deliver the basics reliably — deliver first, then suggest.",
                size="1",
                color=styles.MUTED,
            ),
            submit_button("profile-submit", "Save profile", SettingsState.saving_profile),
            spacing="3",
            width="100%",
            max_width=styles.FORM_MAX_WIDTH,
        ),
        form_id="profile-form",
        # Remount with fresh defaults once the user is known, and once they saved a new rhythm.
        key=me.id.to_string() + me.time_zone + me.cadence + me.checkin_rule,
        on_submit=SettingsState.save_profile,
    )


def password_form() -> rx.Component:
    errors = SettingsState.password_errors
    return server_form(
        rx.vstack(
            text_field(
                "current_password", "Current password", errors, type="password", auto_complete="current-password"
            ),
            *new_password_fields(errors, "new_password", "New password"),
            submit_button("password-submit", "Change password", SettingsState.saving_password),
            spacing="3",
            width="100%",
            max_width=styles.FORM_MAX_WIDTH,
        ),
        form_id="password-form",
        on_submit=SettingsState.change_password,
    )


def _grant(grant: GrantRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.text(grant.mentor_name), rx.text(grant.mentor_email, size="1", color=styles.MUTED), spacing="0"
            )
        ),
        rx.table.cell(grant.since),
        rx.table.cell(rx.cond(grant.expires != "", grant.expires, "no end")),
        rx.table.cell(
            rx.match(
                grant.status,
                ("active", rx.badge("active", color_scheme="green")),
                ("expired", rx.badge("expired", color_scheme="gray")),
                rx.badge("revoked", color_scheme="red"),
            )
        ),
        rx.table.cell(
            rx.cond(
                grant.status == "active",
                confirm_button(
                    "Revoke",
                    "Revoke mentor access?",
                    "They lose access at once, in every open tab.",
                    MentorGrantsState.revoke(grant.id),
                    button_id="revoke-grant-" + grant.id.to_string(),
                ),
            )
        ),
        id="grant-" + grant.id.to_string(),
    )


def mentors_form() -> rx.Component:
    errors = MentorGrantsState.errors
    return rx.vstack(
        server_form(
            field_row(
                (text_field("mentor_email", "Colleague's email", errors, type="email"), "2 1 220px"),
                (
                    text_field("expires_on", "Until (optional)", errors, placeholder="2027-06-30, in 3 months"),
                    "1 1 160px",
                ),
                button=submit_button("grant-submit", "Grant access", MentorGrantsState.saving),
            ),
            form_id="grant-form",
            on_submit=MentorGrantsState.grant,
        ),
        rx.cond(
            MentorGrantsState.grants.length() > 0,
            stacked_table(
                ["Mentor", "Since", "Until", "Status", ""],
                rx.foreach(MentorGrantsState.grants, _grant),
                "grants-table",
            ),
            empty_note("No mentors yet.", "grants-empty"),
        ),
        spacing="3",
        width="100%",
    )


@page(routes.SETTINGS, "Settings", on_load=SettingsState.load)
def settings() -> rx.Component:
    return rx.vstack(
        rx.heading("Settings", size="7", as_="h1"),
        section(
            "Profile",
            "How you appear to your manager and mentors, and the time zone dates are shown in.",
            profile_form(),
        ),
        section(
            "Calendar",
            "Your check-ins and due dates in your own calendar app: subscribe to a private link, "
            "or download them once as a file.",
            calendar_section(),
        ),
        section(
            "Mentors",
            "A mentor follows your progress timeline and can leave notes, but changes nothing "
            "and never sees your private notes.",
            mentors_form(),
        ),
        email_section(),
        section("Password", "Changing it signs you out everywhere else.", password_form()),
        sessions_section(),
        my_data_section(),
        spacing="5",
        width="100%",
    )
