"""Signing up, signing in and accepting an invite."""

from __future__ import annotations

import functools

import reflex as rx

from magicloop import routes
from magicloop.services import accounts, organisation
from magicloop.services.sessions import device_label
from magicloop.state.auth import AuthState, refusal
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
    device = device_label(state.router.headers.user_agent)
    outcome = await run_public(functools.partial(fn, device=device), *args, client=state.router.session.client_ip)
    state.busy, state.errors = False, outcome.field_errors
    if not outcome.ok:
        yield refusal(outcome)
        return
    auth = await state.get_state(AuthState)
    auth.token, auth.notice = outcome.value, ""
    yield rx.redirect(routes.DASHBOARD)
    if welcome:
        yield rx.toast.success(welcome)


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

    @rx.event
    async def sign_up(self, form: dict):
        async for event in _enter(
            self, accounts.sign_up, form, self.router.session.client_ip, welcome="Welcome to Magic Loop"
        ):
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
        code = self.router.page.params.get("code", "")
        return code if isinstance(code, str) else ""

    @rx.event
    async def accept(self, form: dict):
        async for event in _enter(
            self, organisation.accept_invite, self._code(), form, welcome=f"Welcome to {self.organisation_name}"
        ):
            yield event
