"""The culture pulse pages: one's pulses and a new one; one pulse, to answer, read, close or attach."""

from __future__ import annotations

import reflex as rx

from magicloop import routes
from magicloop.services import pulse, pulse_page
from magicloop.services.pulse_page import Colleague, PulseRow, PulsesPage, PulseView
from magicloop.services.validation import is_id
from magicloop.state.address import id_in_address
from magicloop.state.auth import look, perform, perform_then, refusal
from magicloop.state.forgetting import forget_refused
from magicloop.state.form_reset import clear_form
from magicloop.state.loading import load_view

NO_PULSE = PulseView(
    id=0,
    title="",
    runner="",
    role="",
    started_on="",
    closed_on="",
    invited=0,
    answered=0,
    results_from=pulse.RESULTS_FROM,
    results=[],
    comments=[],
    can_answer=False,
    i_answered=False,
    invitees=[],
    choices=[],
    evidence="",
    evidence_label="",
    evidence_link="",
)


class PulsesState(rx.State):
    invited: list[PulseRow] = []
    mine: list[PulseRow] = []
    colleagues: list[Colleague] = []
    errors: dict[str, str] = {}
    saving: bool = False
    loaded: bool = False

    def _show(self, page: PulsesPage) -> None:
        self.invited, self.mine, self.colleagues = page.invited, page.mine, page.colleagues

    @rx.event
    async def load(self):
        self.loaded, self.errors = False, {}
        return await load_view(self, self._show, pulse_page.pulses_page)

    @rx.event
    async def refresh(self):
        """A pulse was asked of this person or answered: the lists as they are now, the form left as typed."""
        return await load_view(self, self._show, pulse_page.pulses_page) if self.loaded else None

    @rx.event
    async def start(self, form: dict):
        self.saving = True
        yield
        outcome = await perform(self, pulse.start_pulse, form)
        self.saving, self.errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        yield clear_form("pulse-form")
        yield [rx.toast.success("Pulse started: your colleagues are asked"), rx.redirect(_link(outcome.value))]


def _link(pulse_id: object) -> str:
    return pulse.pulse_link(pulse_id) if is_id(pulse_id) else routes.PULSE


class PulseState(rx.State):
    pulse: PulseView = NO_PULSE
    errors: dict[str, str] = {}
    saving: bool = False
    problem: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        """on_load: the pulse the link names (?id=…)."""
        self.loaded, self.problem, self.errors = False, "", {}
        return await self._fetch(id_in_address(self, "id"))

    @rx.event
    async def refresh(self):
        """Someone answered, or the runner closed or attached it: the pulse as it is now, an answer being
        chosen left as it is."""
        return await self._fetch(self.pulse.id) if self.loaded and not self.problem else None

    async def _fetch(self, pulse_id: int | None):
        outcome = await look(self, pulse_page.pulse_view, pulse_id)
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)
            self.problem, self.loaded = outcome.message, True
            return [refusal(outcome)] if outcome.signed_out else None
        self.pulse, self.loaded = outcome.value, True
        return None

    async def _write(self, fn, *args, done: str):
        """A write to this pulse, then the pulse as it now stands, in one transaction."""
        outcome = await perform_then(self, fn, [self.pulse.id, *args], (pulse_page.pulse_view, (self.pulse.id,)))
        self.saving, self.errors = False, outcome.field_errors
        if not outcome.ok:
            return refusal(outcome)
        [self.pulse] = outcome.value
        return rx.toast.success(done)

    @rx.event
    async def answer(self, form: dict):
        self.saving = True
        yield
        yield await self._write(pulse.answer, form, done="Thank you: your answer is in, anonymously")

    @rx.event
    async def close(self):
        yield await self._write(pulse.close_pulse, done="Pulse closed: it takes no more answers")

    @rx.event
    async def attach(self, form: dict):
        self.saving = True
        yield
        attached = isinstance(form, dict) and form.get("evidence")
        yield await self._write(pulse.attach, form, done="Attached as evidence" if attached else "Evidence removed")
