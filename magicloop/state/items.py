"""Stages 2 and 3: asks, ideas, progress on tracked items, COE reviews, the stage reflection."""

from __future__ import annotations

import reflex as rx

from magicloop.services import asks, loop_page, reflection, tracking
from magicloop.services.asks import IdeaRow
from magicloop.services.loop_page import Working
from magicloop.services.reflection import StageReflectionView
from magicloop.services.tracking import COEView, ProgressRow, TrackedItemRow
from magicloop.services.validation import id_in_form
from magicloop.state.auth import look, perform, refusal, today_for
from magicloop.state.growth import GrowthState
from magicloop.state.loop import LoopState, for_shown_loop, shown_loop_id, submit

NOTHING = Working(asks=[], ideas=[], stage_reflection=StageReflectionView())


class ItemsState(rx.State):
    asks: list[TrackedItemRow] = []
    ideas: list[IdeaRow] = []
    stage_reflection: StageReflectionView = StageReflectionView()
    ask_errors: dict[str, str] = {}
    idea_errors: dict[str, str] = {}
    decision_errors: dict[str, str] = {}
    reflection_errors: dict[str, str] = {}
    saving: bool = False

    def _take(self, part: Working) -> None:
        self.asks, self.ideas, self.stage_reflection = part.asks, part.ideas, part.stage_reflection

    @rx.event
    async def load(self):
        outcome = await for_shown_loop(self, loop_page.working)
        # Without access (or a loop), nothing of an earlier view may linger.
        self._take(outcome.value if outcome and outcome.ok else NOTHING)
        return refusal(outcome) if outcome else None

    @rx.event
    async def log_ask(self, form: dict):
        async for event in submit(
            self,
            asks.log_ask,
            await shown_loop_id(self),
            form,
            await today_for(self),
            errors="ask_errors",
            success="Ask logged",
            form_id="log-ask-form",
            reload=ItemsState.load,
        ):
            yield event

    @rx.event
    async def delete_ask(self, ask_id: int):
        async for event in submit(
            self, asks.delete_ask, ask_id, errors="ask_errors", success="Ask deleted", reload=ItemsState.load
        ):
            yield event

    @rx.event
    async def suggest_idea(self, form: dict):
        async for event in submit(
            self,
            asks.suggest_idea,
            await shown_loop_id(self),
            form,
            await today_for(self),
            errors="idea_errors",
            success="Idea sent to your manager",
            form_id="idea-form",
            reload=ItemsState.load,
        ):
            yield event

    @rx.event
    async def withdraw_idea(self, idea_id: int):
        async for event in submit(
            self, asks.withdraw_idea, idea_id, errors="idea_errors", success="Idea withdrawn", reload=ItemsState.load
        ):
            yield event

    @rx.event
    async def decide_idea(self, form: dict):
        form = form if isinstance(form, dict) else {}
        accepted = form.get("decision") == "accept"
        async for event in submit(
            self,
            asks.decide_idea,
            id_in_form(form, "idea_id"),
            form,
            await today_for(self),
            errors="decision_errors",
            reload=ItemsState.load,
            success="Idea accepted: it is now an ask" if accepted else "Idea declined",
        ):
            yield event

    @rx.event
    async def save_stage_reflection(self, form: dict):
        async for event in submit(
            self,
            reflection.save_stage_reflection,
            await shown_loop_id(self),
            form,
            errors="reflection_errors",
            success="Reflection saved",
            reload=ItemsState.load,
        ):
            yield event


class TrackedItemState(rx.State):
    """The dialog for one ask or recommendation: progress history and updates, COE review."""

    kind: str = ""
    item_id: int = 0
    title: str = ""
    history: list[ProgressRow] = []
    coe: COEView = COEView()
    progress_open: bool = False
    coe_open: bool = False
    progress_errors: dict[str, str] = {}
    coe_errors: dict[str, str] = {}
    saving: bool = False

    @rx.event
    async def open_progress(self, kind: str, item_id: int, title: str):
        outcome = await look(self, tracking.progress_history, kind, item_id)
        if not outcome.ok:
            return refusal(outcome)
        self.kind, self.item_id, self.title = kind, item_id, title
        self.history, self.progress_errors, self.progress_open = outcome.value, {}, True
        return None

    @rx.event
    async def open_coe(self, kind: str, item_id: int, title: str):
        outcome = await look(self, tracking.coe_review, kind, item_id)
        if not outcome.ok:
            return refusal(outcome)
        self.kind, self.item_id, self.title = kind, item_id, title
        self.coe, self.coe_errors, self.coe_open = outcome.value, {}, True
        return None

    @rx.event
    def set_progress_open(self, is_open: bool):
        self.progress_open = bool(is_open)

    @rx.event
    def set_coe_open(self, is_open: bool):
        self.coe_open = bool(is_open)

    async def _after_change(self, success: str):
        return [ItemsState.load, GrowthState.load, LoopState.refresh, rx.toast.success(success)]

    @rx.event
    async def record_progress(self, form: dict):
        self.saving = True
        yield
        outcome = await perform(self, tracking.record_progress, self.kind, self.item_id, form)
        self.saving, self.progress_errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        self.progress_open = False
        for event in await self._after_change("Progress recorded"):
            yield event

    @rx.event
    async def acknowledge(self, ask_id: int):
        outcome = await perform(self, asks.acknowledge_ask, ask_id)
        if not outcome.ok:
            return refusal(outcome)
        return await self._after_change("Delivery acknowledged")

    @rx.event
    async def save_coe(self, form: dict):
        self.saving = True
        yield
        outcome = await perform(self, tracking.save_coe_review, self.kind, self.item_id, form, await today_for(self))
        self.saving, self.coe_errors = False, outcome.field_errors
        if not outcome.ok:
            yield refusal(outcome)
            return
        self.coe_open = False
        for event in await self._after_change("COE review saved"):
            yield event
