"""Public pages reached from the sign-in page or from a link in a mail: asking for a reset link, choosing a
new password, and confirming a new email address. A link's code stays in the page's address: it is read
from there on each event, never kept in a state."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.services import email_change, recovery
from magicloop.state.address import in_address
from magicloop.state.auth import AuthState, refusal
from magicloop.state.runner import run_public


def code_in_address(state: rx.State) -> str:
    return in_address(state, "code")


class ForgotPasswordState(rx.State):
    errors: dict[str, str] = {}
    busy: bool = False
    sent: bool = False

    @rx.event
    def open(self):
        """on_load: the form, not what the last request from this tab was told."""
        self.sent, self.errors = False, {}

    @rx.event
    async def ask(self, form: dict):
        self.busy = True
        yield
        client = self.router.session.client_ip
        outcome = await run_public(recovery.request_reset, form, client, client=client)
        self.busy, self.errors, self.sent = False, outcome.field_errors, outcome.ok
        if not outcome.ok:
            yield refusal(outcome)


async def open_link(state: rx.State, read) -> None:
    """What a link mailed to someone opens on, read when its page loads (`state` has `email`, `problem` and
    `loaded`): the address it concerns, or why it can't be used."""
    state.loaded = False
    outcome = await run_public(read, code_in_address(state))
    state.loaded = True
    state.email, state.problem = (outcome.value, "") if outcome.ok else ("", outcome.message)


class ResetPasswordState(rx.State):
    email: str = ""
    problem: str = ""
    loaded: bool = False
    errors: dict[str, str] = {}
    busy: bool = False

    @rx.event
    async def load(self):
        self.errors = {}
        await open_link(self, recovery.reset_for)

    @rx.event
    async def choose(self, form: dict):
        self.busy = True
        yield
        outcome = await run_public(recovery.reset_password, code_in_address(self), form)
        self.busy, self.errors = False, outcome.field_errors
        if outcome.ok:
            auth = await self.get_state(AuthState)
            yield await auth._end_session("Your password was changed and every session ended. Sign in with it.")
            return
        if not outcome.field_errors:  # the link stopped working meanwhile
            self.problem = outcome.message
        yield refusal(outcome)


class ConfirmEmailState(rx.State):
    email: str = ""
    problem: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        await open_link(self, email_change.new_address_for)

    @rx.event
    async def confirm(self):
        outcome = await run_public(email_change.confirm_change, code_in_address(self))
        if not outcome.ok:
            self.problem = outcome.message
            return None
        self.problem, self.email = "", ""
        auth = await self.get_state(AuthState)
        auth.notice, auth._described_for = f"Your account now uses {outcome.value}.", ""  # `me` read anew
        return [rx.redirect(routes.DASHBOARD if auth.token else routes.SIGN_IN), rx.toast.success("Email changed")]
