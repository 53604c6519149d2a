"""Stage 1, Reflect: self-assessment, self-reflection, the dated action plan."""

from __future__ import annotations

import reflex as rx

from magicloop.models import RaterKind
from magicloop.services import loop_page, ratings, reflection
from magicloop.services.loop_page import Reflecting
from magicloop.services.ratings import GapRow
from magicloop.services.reflection import ActionStepRow, CompetencyRow, ReflectionView
from magicloop.state.auth import perform, refusal, today_for
from magicloop.state.loop import LoopState, for_shown_loop, shown_loop_id, submit

NOTHING = Reflecting(competencies=[], reflection=ReflectionView(0, "", "", "", 0, ""), steps=[], gaps=[])


class ReflectState(rx.State):
    competencies: list[CompetencyRow] = []
    reflection: ReflectionView = ReflectionView(0, "", "", "", 0, "")
    steps: list[ActionStepRow] = []
    gaps: list[GapRow] = []
    manager_errors: dict[str, str] = {}
    assessment_errors: dict[str, str] = {}
    reflection_errors: dict[str, str] = {}
    step_errors: dict[str, str] = {}
    due_preview: str = ""
    saving: bool = False

    @rx.var
    def gap_chart(self) -> list[dict[str, str | int]]:
        """Rows for the radar chart: self against manager, for each competency both have rated.

        Recharts draws a missing value at the centre, as if rated 0: a competency only one
        side has rated stays in the table (as "—") and out of the radar."""
        return [
            {
                "competency": g.short,
                "name": g.name,
                "self": g.self_score,
                "manager": g.manager_score,
            }
            for g in self.gaps
            if g.gap is not None
        ]

    @rx.var
    def has_manager_ratings(self) -> bool:
        return any(g.manager_score for g in self.gaps)

    def _take(self, part: Reflecting) -> None:
        self.competencies, self.reflection = part.competencies, part.reflection
        self.steps, self.gaps = part.steps, part.gaps

    @rx.event
    async def load(self):
        outcome = await for_shown_loop(self, loop_page.reflecting)
        # Without access (or a loop), nothing of an earlier view may linger.
        self._take(outcome.value if outcome and outcome.ok else NOTHING)
        return refusal(outcome) if outcome else None

    @rx.event
    async def save_assessment(self, form: dict):
        async for event in submit(
            self,
            reflection.save_self_assessment,
            await shown_loop_id(self),
            form,
            errors="assessment_errors",
            success="Self-assessment saved",
            reload=ReflectState.load,
        ):
            yield event

    @rx.event
    async def save_manager_ratings(self, form: dict):
        async for event in submit(
            self,
            ratings.save_ratings,
            await shown_loop_id(self),
            form,
            RaterKind.MANAGER,
            errors="manager_errors",
            success="Your ratings are saved",
            reload=ReflectState.load,
        ):
            yield event

    @rx.event
    async def save_reflection(self, form: dict):
        async for event in submit(
            self,
            reflection.save_self_reflection,
            await shown_loop_id(self),
            form,
            errors="reflection_errors",
            success="Reflection saved",
            reload=ReflectState.load,
        ):
            yield event

    @rx.event
    async def preview_due(self, text: str):
        self.due_preview = reflection.preview_due_date(text, await today_for(self))

    @rx.event
    async def add_step(self, form: dict):
        async for event in submit(
            self,
            reflection.add_action_step,
            await shown_loop_id(self),
            form,
            await today_for(self),
            errors="step_errors",
            success="Step added to your plan",
            reload=ReflectState.load,
            form_id="add-step-form",
        ):
            yield event
        if not self.step_errors:
            self.due_preview = ""

    async def _change_step(self, fn, *args, success: str):
        outcome = await perform(self, fn, *args)
        if not outcome.ok:
            return refusal(outcome)
        return [ReflectState.load, LoopState.refresh, rx.toast.success(success)]

    @rx.event
    async def set_step_done(self, step_id: int, done: bool):
        return await self._change_step(
            reflection.set_step_done, step_id, done, success="Step done" if done else "Step reopened"
        )

    @rx.event
    async def delete_step(self, step_id: int):
        return await self._change_step(reflection.delete_step, step_id, success="Step deleted")
