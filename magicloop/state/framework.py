"""The framework page: an admin's draft of the next version, published whole (services/framework.py).

The draft's rows and their order live here; what is typed into them stays in the form, each row keyed by its
competency so typed text moves with it when rows are added or reordered."""

from __future__ import annotations

import dataclasses

import reflex as rx

from magicloop import routes
from magicloop.services import framework
from magicloop.services.framework import MAX_COMPETENCIES, NEW, FrameworkView
from magicloop.state.auth import AuthState, perform, refusal
from magicloop.state.form_reset import clear_form
from magicloop.state.loading import load_view

EMPTY = FrameworkView(name="", version=0, published_on="", competencies=[])
FORM_ID = "framework-form"


@dataclasses.dataclass(frozen=True)
class DraftRow:
    row_id: str  # the competency's key, or "new-<n>" until published
    name: str  # as the current version has it ("" for a new row): what the form starts with
    description: str
    is_new: bool


class FrameworkState(rx.State):
    framework: FrameworkView = EMPTY
    rows: list[DraftRow] = []
    errors: dict[str, str] = {}
    loaded: bool = False
    publishing: bool = False
    _added: int = 0  # new rows made in this draft, for their ids

    @rx.var
    def order(self) -> str:
        return ",".join(row.row_id for row in self.rows)

    def _show(self, view: FrameworkView) -> None:
        self.framework, self.errors, self._added = view, {}, 0
        self.rows = [DraftRow(c.key, c.name, c.description, False) for c in view.competencies]

    @rx.event
    async def load(self):
        auth = await self.get_state(AuthState)
        if auth.signed_in and not auth.me.is_admin:
            return [rx.redirect(routes.DASHBOARD), rx.toast.error("Only an organisation admin can open that page.")]
        return await load_view(self, self._show, framework.framework_page)

    @rx.event
    def add_competency(self):
        if not self.loaded or len(self.rows) >= MAX_COMPETENCIES:
            return rx.toast.error(f"A framework holds at most {MAX_COMPETENCIES} competencies.")
        self._added += 1
        self.rows = [*self.rows, DraftRow(f"{NEW}{self._added}", "", "", True)]
        return None

    @rx.event
    def remove_new(self, row_id: str):
        """A row added to this draft and not wanted after all (a competency already published is retired)."""
        self.rows = [row for row in self.rows if not (row.is_new and row.row_id == row_id)]

    @rx.event
    def move(self, row_id: str, step: int):
        at = next((i for i, row in enumerate(self.rows) if row.row_id == row_id), None)
        if at is None or step not in (-1, 1) or not 0 <= at + step < len(self.rows):
            return
        rows = list(self.rows)
        rows[at], rows[at + step] = rows[at + step], rows[at]
        self.rows = rows

    @rx.event
    async def start_again(self):
        """The draft dropped: the current version as it now stands, and what was typed into its rows with it
        (kept by the browser, as the rows are the same competencies)."""
        if not self.loaded:
            return
        yield clear_form(FORM_ID)
        yield await load_view(self, self._show, framework.framework_page)

    @rx.event
    async def publish(self, form: dict):
        self.publishing = True
        yield
        outcome = await perform(self, framework.publish, form)
        self.publishing, self.errors = False, outcome.field_errors
        if outcome.field_errors:  # the messages may sit far above the button: say so where it was pressed
            yield rx.toast.error("Nothing was published: correct what the form points out.")
            return
        if not outcome.ok:
            yield refusal(outcome)
            return
        self._show(outcome.value)
        yield rx.toast.success(f"Version {outcome.value.version} published: loops started from now on use it")
