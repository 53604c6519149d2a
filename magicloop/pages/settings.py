"""Settings: profile, time zone, advanced mode, password."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.forms import server_form, submit_button, text_field
from magicloop.components.layout import page
from magicloop.components.time_zones import time_zone_select
from magicloop.pages.access import PASSWORD_HINT
from magicloop.state.auth import AuthState
from magicloop.state.settings import SettingsState


def section(title: str, description: str, form: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(title, size="4", as_="h2"), rx.text(description, size="2", color=styles.MUTED), form,
                  spacing="3", width="100%"),
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
            rx.hstack(
                rx.switch(id="advanced_mode", name="advanced_mode", default_checked=me.advanced_mode),
                rx.el.label("Advanced mode: suggest ideas to my manager instead of only asking",
                            html_for="advanced_mode", style={"fontSize": "var(--font-size-2)"}),
                align="center",
            ),
            rx.text("For seniors who deliver the basics reliably — deliver first, then suggest.", size="1",
                    color=styles.MUTED),
            submit_button("profile-submit", "Save profile", SettingsState.saving_profile),
            spacing="3",
            width="100%",
            max_width=styles.FORM_MAX_WIDTH,
        ),
        form_id="profile-form",
        key=me.id.to_string() + me.time_zone,  # remount with fresh defaults once the user is known
        on_submit=SettingsState.save_profile,
    )


def password_form() -> rx.Component:
    errors = SettingsState.password_errors
    return server_form(
        rx.vstack(
            text_field("current_password", "Current password", errors, type="password",
                       auto_complete="current-password"),
            text_field("new_password", "New password", errors, type="password", auto_complete="new-password",
                       hint=PASSWORD_HINT),
            text_field("password_confirm", "Repeat the new password", errors, type="password",
                       auto_complete="new-password"),
            submit_button("password-submit", "Change password", SettingsState.saving_password),
            spacing="3",
            width="100%",
            max_width=styles.FORM_MAX_WIDTH,
        ),
        form_id="password-form",
        on_submit=SettingsState.change_password,
    )


@page(routes.SETTINGS, "Settings")
def settings() -> rx.Component:
    return rx.vstack(
        rx.heading("Settings", size="7", as_="h1"),
        section("Profile", "How you appear to your manager and mentors, and the time zone dates are shown in.",
                profile_form()),
        section("Password", "Changing it signs you out everywhere else.", password_form()),
        spacing="5",
        width="100%",
    )
