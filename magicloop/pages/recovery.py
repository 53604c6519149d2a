"""Ask for a password reset link, choose a new password, confirm a new email address."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.forms import form_card, submit_button, text_field
from magicloop.components.layout import page
from magicloop.components.links import plain_link, text_link
from magicloop.pages.access import new_password_fields
from magicloop.state.recovery import ConfirmEmailState, ForgotPasswordState, ResetPasswordState


def _back_to_sign_in() -> rx.Component:
    return rx.text(text_link("Back to sign in", href=routes.SIGN_IN, id="to-sign-in"), size="2")


@page(routes.FORGOT_PASSWORD, "Forgot your password", public=True)
def forgot_password() -> rx.Component:
    sent = rx.card(
        rx.vstack(
            rx.heading("Check your mail", size="6", as_="h1"),
            rx.text(
                "If an account uses that address, a link to choose a new password is on its way. It works once, "
                "within an hour. Nothing arrived? Check your spam folder, or ask your organisation's admin.",
                id="reset-sent",
            ),
            _back_to_sign_in(),
            spacing="3",
        ),
        max_width=styles.FORM_MAX_WIDTH,
        size="3",
    )
    form = form_card(
        "Forgot your password",
        "We'll mail you a link to choose a new one.",
        text_field("email", "Email", ForgotPasswordState.errors, type="email", auto_complete="username"),
        submit_button("forgot-submit", "Send me a link", ForgotPasswordState.busy, width="100%"),
        _back_to_sign_in(),
        form_id="forgot-form",
        on_submit=ForgotPasswordState.ask,
    )
    return rx.cond(ForgotPasswordState.sent, sent, form)


def link_page(state: type[ResetPasswordState | ConfirmEmailState], title: str, problem_title: str, ready: rx.Component) -> rx.Component:
    """A page opened from a link in a mail: a spinner while the link is checked, then what it is for, or why
    it can't be used."""
    problem = rx.card(
        rx.vstack(
            rx.heading(problem_title, size="5", as_="h1"),
            rx.text(state.problem, id="link-problem"),
            plain_link("Go to sign in", href=routes.SIGN_IN),
            spacing="3",
        ),
        max_width=styles.FORM_MAX_WIDTH,
    )
    return rx.cond(~state.loaded, rx.spinner(size="3", aria_label=title), rx.cond(state.problem != "", problem, ready))


@page(routes.RESET_PASSWORD, "Choose a new password", public=True, on_load=ResetPasswordState.load)
def reset_password() -> rx.Component:
    errors = ResetPasswordState.errors
    form = form_card(
        "Choose a new password",
        "",
        rx.text("For ", rx.text.strong(ResetPasswordState.email, id="reset-email"), ". Every session of the account "
                "ends, so you sign in again with the new password."),
        *new_password_fields(errors, "password", "New password"),
        submit_button("reset-submit", "Set new password", ResetPasswordState.busy, width="100%"),
        form_id="reset-form",
        on_submit=ResetPasswordState.choose,
    )
    return link_page(ResetPasswordState, "Choose a new password", "This link can't be used", form)


@page(routes.CONFIRM_EMAIL, "Confirm your new email", public=True, on_load=ConfirmEmailState.load)
def confirm_email() -> rx.Component:
    ready = rx.card(
        rx.vstack(
            rx.heading("Confirm your new email", size="6", as_="h1"),
            rx.text("Your Magic Loop account will use ", rx.text.strong(ConfirmEmailState.email, id="new-email"),
                    " from now on; you sign in with it."),
            rx.button("Use this address", id="confirm-email-submit", on_click=ConfirmEmailState.confirm, width="100%"),
            spacing="4",
        ),
        max_width=styles.FORM_MAX_WIDTH,
        size="3",
    )
    return link_page(ConfirmEmailState, "Confirm your new email", "This link can't be used", ready)
