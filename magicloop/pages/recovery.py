"""Ask for a password reset link, choose a new password, confirm a new email address."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.components.forms import form_card, submit_button, text_field
from magicloop.components.layout import page
from magicloop.components.links import text_link
from magicloop.components.messages import link_page, message_card
from magicloop.pages.access import new_password_fields
from magicloop.state.auth import AuthState
from magicloop.state.recovery import ConfirmEmailState, ForgotPasswordState, ResetPasswordState


def _back_to_sign_in() -> rx.Component:
    return rx.text(text_link("Back to sign in", href=routes.SIGN_IN, id="to-sign-in"), size="2")


@page(
    routes.FORGOT_PASSWORD,
    "Forgot your password",
    public=True,
    on_load=[AuthState.redirect_if_signed_in, ForgotPasswordState.open],
)
def forgot_password() -> rx.Component:
    sent = message_card(
        "Check your mail",
        rx.text(
            "If an account uses that address, a link to choose a new password is on its way. It works once, "
            "within an hour. Nothing arrived? Check your spam folder, or ask your organisation's admin.",
            id="reset-sent",
        ),
        _back_to_sign_in(),
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


@page(routes.RESET_PASSWORD, "Choose a new password", public=True, on_load=ResetPasswordState.load)
def reset_password() -> rx.Component:
    errors = ResetPasswordState.errors
    form = form_card(
        "Choose a new password",
        "",
        rx.text(
            "For ",
            rx.text.strong(ResetPasswordState.email, id="reset-email"),
            ". Every session of the account ends, so you sign in again with the new password.",
        ),
        *new_password_fields(errors, "password", "New password"),
        submit_button("reset-submit", "Set new password", ResetPasswordState.busy, width="100%"),
        form_id="reset-form",
        on_submit=ResetPasswordState.choose,
    )
    return link_page(ResetPasswordState, "Choose a new password", form)


@page(routes.CONFIRM_EMAIL, "Confirm your new email", public=True, on_load=ConfirmEmailState.load)
def confirm_email() -> rx.Component:
    ready = message_card(
        "Confirm your new email",
        rx.text(
            "Your Magic Loop account will use ",
            rx.text.strong(ConfirmEmailState.email, id="new-email"),
            " from now on; you sign in with it.",
        ),
        rx.button("Use this address", id="confirm-email-submit", on_click=ConfirmEmailState.confirm, width="100%"),
    )
    return link_page(ConfirmEmailState, "Confirm your new email", ready)
