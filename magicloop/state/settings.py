"""Profile, time zone, check-in rhythm, password and mentors."""

from __future__ import annotations

import reflex as rx

from magicloop.services import accounts, mentoring, sessions
from magicloop.services.mentoring import GrantRow
from magicloop.services.settings_page import settings_view, upcoming
from magicloop.state.account import AccountState
from magicloop.state.auth import AuthState, look, perform, perform_then, refusal
from magicloop.state.calendar import CalendarState
from magicloop.state.form_reset import clear_form
from magicloop.state.runner import TODAY


def _save_profile(db, user, form: dict):
    user = accounts.update_profile(db, user, form)
    return accounts.describe(db, user), upcoming(db, user)


class SettingsState(rx.State):
    profile_errors: dict[str, str] = {}
    password_errors: dict[str, str] = {}
    saving_profile: bool = False
    saving_password: bool = False
    cadence_choice: str = ""  # the rhythm picked in the form before it is saved; "" until then
    next_checkins: list[str] = []

    @rx.event
    async def load(self):
        """on_load: the page's view in one read."""
        outcome = await look(self, settings_view, (await self.get_state(AuthState)).token)
        if not outcome.ok:
            return refusal(outcome)
        view = outcome.value
        (await self.get_state(AccountState)).sessions = view.sessions
        (await self.get_state(MentorGrantsState)).grants = view.grants
        calendar = await self.get_state(CalendarState)
        calendar.since, calendar.shown = view.calendar.since, False  # a link is shown only as it is made
        self.next_checkins, self.cadence_choice = view.next_checkins, ""
        return None

    @rx.event
    def choose_cadence(self, choice: str):
        """Shows the field for a rule of one's own while "Custom" is picked (the server checks the choice)."""
        self.cadence_choice = choice if isinstance(choice, str) else ""

    @rx.event
    async def save_profile(self, form: dict):
        self.saving_profile = True
        yield
        auth = await self.get_state(AuthState)
        outcome = await perform(self, _save_profile, form)
        self.saving_profile, self.profile_errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        auth.me, self.next_checkins = outcome.value
        self.cadence_choice = ""
        yield rx.toast.success("Profile saved")

    @rx.event
    async def change_password(self, form: dict):
        self.saving_password = True
        yield
        auth = await self.get_state(AuthState)
        outcome = await perform_then(
            self, accounts.change_password, [auth.token, form], (sessions.list_sessions, [auth.token])
        )
        if outcome.ok:
            yield clear_form("password-form")
        self.saving_password, self.password_errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        [(await self.get_state(AccountState)).sessions] = outcome.value  # the others ended
        yield rx.toast.success("Password changed. Your other sessions were signed out.")


class MentorGrantsState(rx.State):
    """Who may follow my progress as a mentor."""

    grants: list[GrantRow] = []
    errors: dict[str, str] = {}
    saving: bool = False

    @rx.event
    async def load(self):
        outcome = await look(self, mentoring.list_grants)
        if not outcome.ok:
            return refusal(outcome)
        self.grants = outcome.value
        return None

    @rx.event
    async def grant(self, form: dict):
        self.saving = True
        yield
        outcome = await perform(self, mentoring.grant_access, form, TODAY)
        if outcome.ok:
            yield clear_form("grant-form")
        self.saving, self.errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        yield MentorGrantsState.load
        yield rx.toast.success("Mentor access granted")

    @rx.event
    async def revoke(self, grant_id: int):
        outcome = await perform(self, mentoring.revoke_access, grant_id)
        if not outcome.ok:
            return refusal(outcome)
        return [MentorGrantsState.load, rx.toast.success("Mentor access revoked")]
