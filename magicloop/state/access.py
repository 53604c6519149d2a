"""Signing up, signing in and accepting an invite."""

from __future__ import annotations

import functools

import reflex as rx

from magicloop import routes
from magicloop.services import accounts, organisation, sign_ups
from magicloop.services.sessions import device_label
from magicloop.state.address import in_address
from magicloop.state.auth import AuthState, refusal
from magicloop.state.recovery import code_in_address
from magicloop.state.runner import run_public


class TimeZoneState(rx.State):
    """The time-zone picker on public forms, preset from the browser."""

    time_zone: str = "UTC"

    @rx.event
    def set_time_zone(self, value: str):
        self.time_zone = value if isinstance(value, str) else "UTC"

    @rx.event
    def detect(self):
        return rx.call_script("Intl.DateTimeFormat().resolvedOptions().timeZone", callback=TimeZoneState.set_time_zone)


async def _enter(state: rx.State, fn, *args, welcome: str = ""):
    """Sign up, sign in or join: on success the browser keeps the new session's token."""
    state.busy = True
    yield
    outcome = await run_public(_with_device(state, fn), *args, client=state.router.session.client_ip)
    state.busy, state.errors = False, outcome.field_errors
    if not outcome.ok:
        yield refusal(outcome)
        return
    if outcome.value is None:  # a sign-up waits for the link mailed to confirm it
        state.mailed = True
        return
    for event in await _signed_in(state, outcome.value, welcome):
        yield event


def _with_device(state: rx.State, fn):
    """`fn` told which browser the session it starts is for."""
    return functools.partial(fn, device=device_label(state.router.headers.user_agent))


async def _signed_in(state: rx.State, token: str, welcome: str) -> list:
    """The browser keeps the new session's token; on to the dashboard."""
    auth = await state.get_state(AuthState)
    auth.token, auth.notice = token, ""
    return [rx.redirect(routes.DASHBOARD), *([rx.toast.success(welcome)] if welcome else [])]


class SignInState(rx.State):
    errors: dict[str, str] = {}
    busy: bool = False

    @rx.event
    async def sign_in(self, form: dict):
        async for event in _enter(self, accounts.sign_in, form, self.router.session.client_ip):
            yield event


class SignUpState(rx.State):
    errors: dict[str, str] = {}
    busy: bool = False
    mailed: bool = False  # a confirmation link is on its way (the answer whether or not the address is known)

    @rx.event
    def open(self):
        """on_load: the form, not what the last sign-up from this tab was told."""
        self.mailed, self.errors = False, {}

    @rx.event
    async def sign_up(self, form: dict):
        self.mailed = False
        async for event in _enter(
            self, sign_ups.request_sign_up, form, self.router.session.client_ip, welcome="Welcome to Magic Loop"
        ):
            yield event


class ConfirmSignUpState(rx.State):
    """The page a sign-up's mailed link opens: what it creates, and a button to create it (a mail scanner
    that follows links creates nothing)."""

    email: str = ""
    organisation: str = ""
    problem: str = ""
    loaded: bool = False
    busy: bool = False

    @rx.event
    async def load(self):
        self.loaded = False
        outcome = await run_public(sign_ups.pending_sign_up, code_in_address(self))
        self.loaded, self.problem = True, outcome.message
        pending = outcome.value
        self.email, self.organisation = (pending.email, pending.organisation) if pending else ("", "")

    @rx.event
    async def confirm(self):
        self.busy = True
        yield
        outcome = await run_public(_with_device(self, sign_ups.confirm_sign_up), code_in_address(self))
        self.busy = False
        if not outcome.ok:
            self.problem = outcome.message
            return
        for event in await _signed_in(self, outcome.value, "Welcome to Magic Loop"):
            yield event


class InviteState(rx.State):
    email: str = ""
    organisation_name: str = ""
    problem: str = ""
    errors: dict[str, str] = {}
    busy: bool = False
    loaded: bool = False

    @rx.event
    async def load(self):
        self.loaded, self.errors = False, {}
        outcome = await run_public(organisation.invite_details, self._code())
        self.loaded = True
        if outcome.ok:
            self.email, self.organisation_name, self.problem = outcome.value.email, outcome.value.organisation_name, ""
        else:
            self.email, self.organisation_name, self.problem = "", "", outcome.message

    def _code(self) -> str:
        return in_address(self, "code")

    @rx.event
    async def accept(self, form: dict):
        async for event in _enter(
            self, organisation.accept_invite, self._code(), form, welcome=f"Welcome to {self.organisation_name}"
        ):
            yield event
