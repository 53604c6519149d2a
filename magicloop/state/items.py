"""Stages 2 and 3: asks, ideas, progress on tracked items, COE reviews, the stage reflection."""

from __future__ import annotations

import reflex as rx

from magicloop.services import asks, coe, delivery, loop_page, reflection, tracking
from magicloop.services.asks import IdeaRow
from magicloop.services.coe import COEView
from magicloop.services.delivery import ProgressRow
from magicloop.services.loop_page import Working
from magicloop.services.reflection import StageReflectionView
from magicloop.services.tracking import TrackedItemRow
from magicloop.services.validation import id_in_form
from magicloop.services.versions import NOTHING_CHANGED, Changed
from magicloop.state.auth import look, refusal
from magicloop.state.forgetting import forget_refused
from magicloop.state.growth import RECOMMENDATIONS
from magicloop.state.loop import SHOWN_LOOP, Part, shown_in, submit, tracked
from magicloop.state.runner import TODAY


class ItemsState(rx.State):
    asks: list[TrackedItemRow] = []
    ideas: list[IdeaRow] = []
    stage_reflection: StageReflectionView = StageReflectionView()
    ask_errors: dict[str, str] = {}
    idea_errors: dict[str, str] = {}
    decision_errors: dict[str, str] = {}
    reflection_errors: dict[str, str] = {}
    saving: bool = False
    stage_reflection_version: int = 0  # as its form was opened (see ReflectState.reflection_version)
    changed: Changed = NOTHING_CHANGED

    def _take(self, part: Working, opened: bool = False) -> None:
        self.asks, self.ideas, self.stage_reflection = part.asks, part.ideas, part.stage_reflection
        if opened:
            self._take_stage_reflection(part.stage_reflection)
            self.changed = NOTHING_CHANGED

    def _take_stage_reflection(self, view: StageReflectionView) -> None:
        self.stage_reflection, self.stage_reflection_version = view, view.version

    @rx.event
    def log_ask(self, form: dict):
        return submit(
            self,
            tracking.log_item,
            "ask",
            SHOWN_LOOP,
            form,
            TODAY,
            errors="ask_errors",
            success="Ask logged",
            form_id="log-ask-form",
            reload=ASKS,
        )

    @rx.event
    def suggest_idea(self, form: dict):
        return submit(
            self,
            asks.suggest_idea,
            SHOWN_LOOP,
            form,
            TODAY,
            errors="idea_errors",
            success="Idea sent to your manager",
            form_id="idea-form",
            reload=IDEAS,
        )

    @rx.event
    def withdraw_idea(self, idea_id: int):
        return submit(self, asks.withdraw_idea, idea_id, errors="idea_errors", success="Idea withdrawn", reload=IDEAS)

    @rx.event
    def decide_idea(self, form: dict):
        form = form if isinstance(form, dict) else {}
        accepted, idea_id = form.get("decision") == "accept", id_in_form(form, "idea_id")
        return submit(
            self,
            asks.decide_idea,
            idea_id,
            form,
            TODAY,
            errors="decision_errors",
            reload=WORKING,
            success="Idea accepted: it is now an ask" if accepted else "Idea declined",
            opened=f"idea-{idea_id}",
        )

    @rx.event
    def save_stage_reflection(self, form: dict):
        return submit(
            self,
            reflection.save_stage_reflection,
            SHOWN_LOOP,
            form,
            errors="reflection_errors",
            success="Reflection saved",
            reload=STAGE_REFLECTION,
            opened="stage-reflection",
        )


WORKING = Part(ItemsState, loop_page.working, ItemsState._take)
STAGE_REFLECTION = Part(
    ItemsState,
    lambda db, user, loop_id, _today: reflection.stage_reflection(db, user, loop_id),
    ItemsState._take_stage_reflection,
)
IDEAS = Part(ItemsState, lambda db, user, loop_id, _today: asks.list_ideas(db, user, loop_id), shown_in("ideas"))
ASKS = tracked("ask", ItemsState, "asks")
# What progress and a COE review change: an ask (stages 2 and 3) or a recommendation (stage 5).
LISTS = {"ask": ASKS, "recommendation": RECOMMENDATIONS}


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
    progress_version: int = 0  # the item's, as the dialog opened: what the progress form carries
    coe_version: int = 0  # the review's, as the dialog opened (0: none yet)
    changed: Changed = NOTHING_CHANGED

    @rx.event
    async def open_progress(self, kind: str, item_id: int, title: str):
        outcome = await look(self, delivery.progress_history, kind, item_id)
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)
            return refusal(outcome)
        self.kind, self.item_id, self.title, self.changed = kind, item_id, title, NOTHING_CHANGED
        self.history, self.progress_version = outcome.value.rows, outcome.value.version
        self.progress_errors, self.progress_open = {}, True
        return None

    @rx.event
    async def open_coe(self, kind: str, item_id: int, title: str):
        outcome = await look(self, coe.coe_review, kind, item_id)
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)
            return refusal(outcome)
        self.kind, self.item_id, self.title, self.changed = kind, item_id, title, NOTHING_CHANGED
        self.coe, self.coe_version, self.coe_errors, self.coe_open = outcome.value, outcome.value.version, {}, True
        return None

    @rx.event
    def set_progress_open(self, is_open: bool):
        self.progress_open = bool(is_open)

    @rx.event
    def set_coe_open(self, is_open: bool):
        self.coe_open = bool(is_open)

    @rx.event
    def record_progress(self, form: dict):
        return submit(
            self,
            delivery.record_progress,
            self.kind,
            self.item_id,
            form,
            errors="progress_errors",
            success="Progress recorded",
            reload=LISTS.get(self.kind, ASKS),
            form_id="progress-form",
            done={"progress_open": False},
            opened="progress",
            pin="progress_version",
        )

    @rx.event
    def acknowledge(self, ask_id: int):
        return submit(
            self,
            delivery.acknowledge_ask,
            ask_id,
            errors="progress_errors",
            success="Delivery acknowledged",
            reload=ASKS,
        )

    @rx.event
    def save_coe(self, form: dict):
        return submit(
            self,
            coe.save_coe_review,
            self.kind,
            self.item_id,
            form,
            TODAY,
            errors="coe_errors",
            success="COE review saved",
            reload=LISTS.get(self.kind, ASKS),
            done={"coe_open": False},
            opened="coe",
            pin="coe_version",
        )
