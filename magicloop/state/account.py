"""On the settings page: one's email address and the browsers one is signed in on."""

from __future__ import annotations

import reflex as rx

from magicloop.services import email_change, sessions
from magicloop.services.sessions import SessionRow
from magicloop.state.auth import AuthState, perform, perform_then, refusal
from magicloop.state.form_reset import clear_form


class AccountState(rx.State):
    sessions: list[SessionRow] = []
    email_errors: dict[str, str] = {}
    changing_email: bool = False
    email_sent_to: str = ""  # where the last confirmation link went

    async def _after(self, write, *args, success: str):
        """End sessions, then show the list as it is now."""
        token = (await self.get_state(AuthState)).token
        outcome = await perform_then(self, write, [*args, token], (sessions.list_sessions, [token]))
        if not outcome.ok:
            return refusal(outcome)
        [self.sessions] = outcome.value
        return rx.toast.success(success)

    @rx.event
    async def end_session(self, session_id: int):
        return await self._after(sessions.end_session, session_id, success="Session ended")

    @rx.event
    async def end_other_sessions(self):
        return await self._after(sessions.end_other_sessions, success="Signed out everywhere else")

    @rx.event
    async def change_email(self, form: dict):
        self.changing_email, self.email_sent_to = True, ""
        yield
        outcome = await perform(self, email_change.request_change, form)
        if outcome.ok:
            yield clear_form("email-form")
        self.changing_email, self.email_errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        self.email_sent_to = outcome.value
        yield rx.toast.success("Confirmation link sent")
