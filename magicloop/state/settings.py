"""Profile, time zone and password."""

from __future__ import annotations

import reflex as rx

from magicloop.services import accounts
from magicloop.state.auth import AuthState, refusal


class SettingsState(rx.State):
    profile_errors: dict[str, str] = {}
    password_errors: dict[str, str] = {}
    saving_profile: bool = False
    saving_password: bool = False

    @rx.event
    async def save_profile(self, form: dict):
        self.saving_profile = True
        yield
        auth = await self.get_state(AuthState)
        outcome = await auth.run(lambda db, user, data: accounts.describe(db, accounts.update_profile(db, user, data)), form)
        self.saving_profile, self.profile_errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        auth.me = outcome.value
        yield rx.toast.success("Profile saved")

    @rx.event
    async def change_password(self, form: dict):
        self.saving_password = True
        yield
        auth = await self.get_state(AuthState)
        outcome = await auth.run(accounts.change_password, auth.token, form)
        self.saving_password, self.password_errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        yield rx.call_script("document.getElementById('password-form').reset()")
        yield rx.toast.success("Password changed. Your other sessions were signed out.")
