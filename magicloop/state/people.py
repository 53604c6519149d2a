"""The manager's team, the mentor's mentees, and a person's progress timeline."""

from __future__ import annotations

import dataclasses

import reflex as rx

from magicloop.services import mentoring, progress, progress_page, team
from magicloop.services.closure import Closure
from magicloop.services.mentoring import MenteeRow
from magicloop.services.progress import KIND_FILTERS, MonthPoint, ProgressEvent, ProgressPage
from magicloop.services.team import ReportRow, TeamPage
from magicloop.services.validation import page_number
from magicloop.state.address import id_in_address
from magicloop.state.auth import look, refusal
from magicloop.state.forgetting import forget_refused
from magicloop.state.loading import load_view
from magicloop.state.pictures import NO_CLOSURE, closure_rows
from magicloop.state.runner import TODAY


class TeamState(rx.State):
    reports: list[ReportRow] = []
    closure: list[Closure] = []  # per report, over the last year
    team_closure: Closure = NO_CLOSURE
    loaded: bool = False

    @rx.var
    def closure_chart(self) -> list[dict[str, str | int | float | None]]:
        return closure_rows(self.closure)

    def _show(self, page: TeamPage) -> None:
        self.reports, self.closure, self.team_closure = page.reports, page.closure, page.team_closure

    @rx.event
    async def load(self):
        return await load_view(self, self._show, team.team_page, TODAY)


class MenteesState(rx.State):
    mentees: list[MenteeRow] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        return await load_view(self, "mentees", mentoring.list_mentees)


class ProgressState(rx.State):
    owner_id: int = 0
    owner_name: str = ""
    events: list[ProgressEvent] = []
    months: list[MonthPoint] = []
    page: int = 0
    has_more: bool = False
    kinds: list[str] = []
    since: str = ""
    until: str = ""
    filter_errors: dict[str, str] = {}
    problem: str = ""
    loaded: bool = False

    @rx.var
    def months_chart(self) -> list[dict[str, str | int]]:
        return [dataclasses.asdict(point) for point in self.months]

    @rx.var
    def delivered_any(self) -> bool:
        return any(point.delivered for point in self.months)

    def _person(self) -> int:
        return id_in_address(self, "person") or 0

    @rx.event
    async def load(self):
        self.loaded, self.problem, self.page = False, "", 0
        outcome = await look(self, progress_page.open_progress, self._person(), self._filters(), TODAY)
        if await self._refused(outcome):
            return refusal(outcome) if outcome.signed_out else None
        self.months = outcome.value.months
        self._show(outcome.value.page)
        return None

    @rx.event
    async def refresh(self):
        """New history arrived: the same page and filters, as they are now."""
        if self.loaded and not self.problem:
            return await self._fetch()
        return None

    def _filters(self) -> dict:
        return {"kinds": self.kinds, "since": self.since, "until": self.until}

    async def _refused(self, outcome) -> bool:
        self.filter_errors = outcome.field_errors
        if not outcome.ok:
            if not outcome.field_errors:  # not this person's to see (any more): nothing of it stays
                await forget_refused(self, outcome.forbidden)
                self.problem = outcome.message
            self.loaded = True
        return not outcome.ok

    def _show(self, page: ProgressPage) -> None:
        self.owner_id, self.owner_name, self.events = page.owner_id, page.owner_name, page.events
        self.has_more, self.loaded = page.has_more, True

    async def _fetch(self):
        outcome = await look(self, progress.timeline, self._person(), self._filters(), self.page, TODAY)
        if await self._refused(outcome):
            return refusal(outcome) if outcome.signed_out else None
        self._show(outcome.value)
        return None

    @rx.event
    async def toggle_kind(self, kind: str, on: bool):
        if isinstance(kind, str) and kind in KIND_FILTERS:
            self.kinds = [k for k in self.kinds if k != kind] + ([kind] if on else [])
            self.page = 0
            return await self._fetch()
        return None

    @rx.event
    async def set_dates(self, form: dict):
        form = form if isinstance(form, dict) else {}
        self.since = form.get("since", "") if isinstance(form.get("since"), str) else ""
        self.until = form.get("until", "") if isinstance(form.get("until"), str) else ""
        self.page = 0
        return await self._fetch()

    @rx.event
    async def show_page(self, page: int):
        self.page = page_number(page)
        return await self._fetch()
