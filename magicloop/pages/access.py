"""Sign in, sign up and accept an invite."""

from __future__ import annotations

import reflex as rx

from magicloop import routes, styles
from magicloop.components.forms import form_card, submit_button, text_field
from magicloop.components.layout import page
from magicloop.components.links import text_link
from magicloop.components.messages import link_page, message_card
from magicloop.components.time_zones import time_zone_select
from magicloop.services.security import PASSWORD_MIN
from magicloop.state.access import ConfirmSignUpState, InviteState, SignInState, SignUpState, TimeZoneState
from magicloop.state.auth import AuthState

PASSWORD_HINT = f"At least {PASSWORD_MIN} characters. A few unrelated words make a strong one."


def _detected_time_zone(errors) -> rx.Component:
    return rx.box(
        time_zone_select(errors, value=TimeZoneState.time_zone, on_change=TimeZoneState.set_time_zone),
        on_mount=TimeZoneState.detect,
        width="100%",
    )


def new_password_fields(
    errors: rx.Var[dict[str, str]], field_id: str = "password", label: str = "Password"
) -> list[rx.Component]:
    """A new password, with what makes a good one, and the same again to catch a typo."""
    return [
        text_field(field_id, label, errors, type="password", auto_complete="new-password", hint=PASSWORD_HINT),
        text_field(
            "password_confirm", f"Repeat the {label.lower()}", errors, type="password", auto_complete="new-password"
        ),
    ]


@page(routes.SIGN_IN, "Sign in", public=True)
def sign_in() -> rx.Component:
    errors = SignInState.errors
    return form_card(
        "Sign in",
        "",
        rx.cond(AuthState.notice != "", rx.callout(AuthState.notice, icon="info", id="sign-in-notice", width="100%")),
        text_field("email", "Email", errors, type="email", auto_complete="username"),
        text_field("password", "Password", errors, type="password", auto_complete="current-password"),
        submit_button("sign-in-submit", "Sign in", SignInState.busy, width="100%"),
        rx.text(text_link("Forgot your password?", href=routes.FORGOT_PASSWORD, id="to-forgot"), size="2"),
        rx.text(
            "New here? ",
            text_link("Create an organisation", href=routes.SIGN_UP, id="to-sign-up"),
            " — or follow the invite link your admin sent you.",
            size="2",
            color=styles.MUTED,
        ),
        form_id="sign-in-form",
        on_submit=SignInState.sign_in,
    )


@page(
    routes.SIGN_UP, "Create your organisation", public=True, on_load=[AuthState.redirect_if_signed_in, SignUpState.open]
)
def sign_up() -> rx.Component:
    errors = SignUpState.errors
    mailed = message_card(
        "Check your mail",
        rx.text(
            "We mailed a link to the address you gave. Follow it within 24 hours to create your organisation "
            "and sign in. Nothing arrived? Check your spam folder, or sign up again.",
            id="sign-up-mailed",
        ),
    )
    form = form_card(
        "Create your organisation",
        "You'll be its admin: you invite your colleagues and set who reports to whom.",
        text_field("organisation", "Organisation name", errors, placeholder="Acme Support"),
        text_field("display_name", "Your name", errors, auto_complete="name"),
        text_field("email", "Email", errors, type="email", auto_complete="email"),
        _detected_time_zone(errors),
        *new_password_fields(errors),
        submit_button("sign-up-submit", "Create organisation", SignUpState.busy, width="100%"),
        rx.text(
            "Already have an account? ",
            text_link("Sign in", href=routes.SIGN_IN, id="to-sign-in"),
            size="2",
            color=styles.MUTED,
        ),
        form_id="sign-up-form",
        on_submit=SignUpState.sign_up,
    )
    return rx.cond(SignUpState.mailed, mailed, form)


@page(routes.CONFIRM_SIGN_UP, "Create your organisation", public=True, on_load=ConfirmSignUpState.load)
def confirm_sign_up() -> rx.Component:
    ready = message_card(
        "Create your organisation",
        rx.text(
            "Create ",
            rx.text.strong(ConfirmSignUpState.organisation, id="pending-organisation"),
            " with ",
            rx.text.strong(ConfirmSignUpState.email),
            " as its admin, and sign in.",
        ),
        rx.button(
            "Create organisation",
            id="confirm-sign-up-submit",
            loading=ConfirmSignUpState.busy,
            on_click=ConfirmSignUpState.confirm,
            width="100%",
        ),
    )
    return link_page(ConfirmSignUpState, "Create your organisation", ready)


@page(routes.INVITE, "Join your team", public=True, on_load=InviteState.load)
def accept_invite() -> rx.Component:
    errors = InviteState.errors
    form = form_card(
        "Join your team",
        "",
        rx.text(
            "You were invited as ",
            rx.text.strong(InviteState.email, id="invite-email"),
            " to ",
            rx.text.strong(InviteState.organisation_name),
            ". Choose your name and a password.",
        ),
        text_field("display_name", "Your name", errors, auto_complete="name"),
        _detected_time_zone(errors),
        *new_password_fields(errors),
        submit_button("invite-submit", "Join", InviteState.busy, width="100%"),
        form_id="invite-form",
        on_submit=InviteState.accept,
    )
    return link_page(InviteState, "Join your team", form, "This invite can't be used", "invite-problem")
