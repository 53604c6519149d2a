"""The security log page: an admin's filters and the page of events they show."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.services import audit_log
from magicloop.services.audit_log import AuditRow, Member
from magicloop.services.validation import page_number
from magicloop.state.auth import AuthState, look, refusal
from magicloop.state.forgetting import forget_refused
from magicloop.state.runner import TODAY

FILTERS = ("kind", "person", "since", "until")


class AuditLogState(rx.State):
    rows: list[AuditRow] = []
    people: list[Member] = []
    has_more: bool = False
    page: int = 0
    filter_errors: dict[str, str] = {}
    loaded: bool = False
    searching: bool = False
    _filters: dict[str, str] = {}

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        if auth.signed_in and not auth.me.is_admin:
            return [rx.redirect(routes.DASHBOARD), rx.toast.error("Only an organisation admin can open that page.")]
        self.page, self._filters, self.loaded = 0, {}, False
        return await self._fetch()

    @rx.event
    async def apply(self, form: dict):
        form = form if isinstance(form, dict) else {}
        self._filters = {name: form[name] for name in FILTERS if isinstance(form.get(name), str)}
        self.page, self.searching = 0, True
        yield
        events = await self._fetch()
        self.searching = False
        yield events

    @rx.event
    async def show_page(self, page: int):
        self.page = page_number(page)
        return await self._fetch()

    async def _fetch(self):
        outcome = await look(self, audit_log.audit_page, self._filters, self.page, TODAY)
        self.filter_errors, self.loaded = outcome.field_errors, True
        if outcome.field_errors:
            return None
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)
            return refusal(outcome)
        self.rows, self.has_more, self.people = outcome.value.rows, outcome.value.has_more, outcome.value.people
        return None
