"""The admin page: people, invites, reporting lines."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.services import admins, organisation
from magicloop.services.accounts import describe
from magicloop.services.organisation import InviteRow
from magicloop.services.roster import PersonRow, ReportingLineRow, Roster, roster
from magicloop.state.auth import AuthState, look, perform, refusal, today_for
from magicloop.state.forgetting import forget_refused
from magicloop.state.form_reset import clear_form
from magicloop.state.runner import TODAY


class AdminState(rx.State):
    people: list[PersonRow] = []
    invites: list[InviteRow] = []
    lines: list[ReportingLineRow] = []
    loaded: bool = False
    invite_errors: dict[str, str] = {}
    line_errors: dict[str, str] = {}
    invite_link: str = ""  # only when this server sends no mail: the admin passes it on
    invite_mailed_to: str = ""
    inviting: bool = False
    saving_line: bool = False
    today: str = ""  # default start of a new reporting line

    @rx.var
    def active_people(self) -> list[PersonRow]:
        return [p for p in self.people if not p.disabled]

    def _show(self, lists: Roster) -> None:
        self.people, self.invites, self.lines = lists.people, lists.invites, lists.lines

    async def _refresh(self) -> None:
        outcome = await look(self, roster, TODAY)
        if outcome.ok:
            self._show(outcome.value)
        else:  # no longer an admin: the lists go
            await forget_refused(self, outcome.forbidden)

    async def _act(self, fn, *args, success: str):
        """Run an admin action, then reload the lists it changes; `success` may name whom it was for ({})."""
        outcome = await perform(self, fn, *args)
        if not outcome.ok:
            return outcome, refusal(outcome)
        await self._refresh()
        return outcome, rx.toast.success(success.format(outcome.value))

    async def _do(self, fn, *args, success: str):
        """An action the page answers with its toast (or refusal) and the lists reloaded: the events to return."""
        _, events = await self._act(fn, *args, success=success)
        return events

    @rx.event
    async def refresh(self):
        """Someone joined, or a line or an invite changed: the lists as they are now."""
        if self.loaded:
            await self._refresh()

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        if auth.signed_in and not auth.me.is_admin:  # perhaps made admin since this tab read `me`: look again
            described = await look(self, describe)
            auth.me = described.value if described.ok else auth.me
        if auth.signed_in and not auth.me.is_admin:
            return [rx.redirect("/"), rx.toast.error("Only an organisation admin can open that page.")]
        outcome = await look(self, roster, TODAY)
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)
            return refusal(outcome)
        self._show(outcome.value)
        self.today, self.loaded = (await today_for(self)).isoformat(), True
        self.invite_link, self.invite_mailed_to = "", ""
        return None

    @rx.event
    async def invite(self, form: dict):
        self.inviting, self.invite_link, self.invite_mailed_to = True, "", ""
        yield
        outcome = await perform(self, organisation.invite, form)
        if outcome.ok:
            yield clear_form("new-invite-form")
            await self._refresh()
            created = outcome.value
            self.invite_link, self.invite_mailed_to = created.link, created.email if created.mailed else ""
        self.inviting, self.invite_errors = False, outcome.field_errors
        yield rx.toast.success("Invite created") if outcome.ok else refusal(outcome)

    @rx.event
    async def revoke_invite(self, invite_id: int):
        return await self._do(organisation.revoke_invite, invite_id, success="Invite revoked")

    @rx.event
    async def set_line(self, form: dict):
        self.saving_line = True
        yield
        outcome, events = await self._act(organisation.set_reporting_line, form, TODAY, success="Reporting line saved")
        self.saving_line, self.line_errors = False, outcome.field_errors
        yield events

    @rx.event
    async def end_line(self, line_id: int):
        return await self._do(organisation.end_reporting_line, line_id, TODAY, success="Reporting line ended")

    @rx.event
    async def set_disabled(self, user_id: int, disabled: bool):
        message = "Account disabled; they are signed out" if disabled else "Account enabled"
        return await self._do(organisation.set_disabled, user_id, bool(disabled), success=message)

    @rx.event
    async def send_reset_link(self, user_id: int):
        return await self._do(admins.send_reset_link, user_id, success="Reset link mailed to {}")

    @rx.event
    async def make_admin(self, user_id: int):
        return await self._do(admins.make_admin, user_id, success="{} is now an admin")

    @rx.event
    async def step_down(self):
        outcome = await perform(self, admins.step_down)
        if not outcome.ok:
            return refusal(outcome)
        auth = await self.get_state(AuthState)
        auth._described_for = ""  # `me` is read anew: no longer an admin
        self.people, self.invites, self.lines, self.loaded = [], [], [], False
        return [rx.redirect(routes.DASHBOARD), rx.toast.success("You are no longer an admin")]
