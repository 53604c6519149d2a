"""Stage 1, Reflect: self-assessment, self-reflection, the dated action plan."""

from __future__ import annotations

import reflex as rx

from magicloop.models import RaterKind
from magicloop.services import loop_page, ratings, reflection
from magicloop.services.loop_page import Reflecting
from magicloop.services.ratings import GapRow
from magicloop.services.reflection import ActionStepRow, CompetencyRow, ReflectionView
from magicloop.state.auth import today_for
from magicloop.state.loop import SHOWN_LOOP, TODAY, Part, shown_in, submit


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
    def save_assessment(self, form: dict):
        return submit(
            self,
            reflection.save_self_assessment,
            SHOWN_LOOP,
            form,
            errors="assessment_errors",
            success="Self-assessment saved",
            reload=REFLECTING,
        )

    @rx.event
    def save_manager_ratings(self, form: dict):
        return submit(
            self,
            ratings.save_ratings,
            SHOWN_LOOP,
            form,
            RaterKind.MANAGER,
            errors="manager_errors",
            success="Your ratings are saved",
            reload=REFLECTING,
        )

    @rx.event
    def save_reflection(self, form: dict):
        return submit(
            self,
            reflection.save_self_reflection,
            SHOWN_LOOP,
            form,
            errors="reflection_errors",
            success="Reflection saved",
            reload=REFLECTING,
        )

    @rx.event
    async def preview_due(self, text: str):
        self.due_preview = reflection.preview_due_date(text, await today_for(self))

    @rx.event
    def add_step(self, form: dict):
        return submit(
            self,
            reflection.add_action_step,
            SHOWN_LOOP,
            form,
            TODAY,
            errors="step_errors",
            success="Step added to your plan",
            reload=STEPS,
            form_id="add-step-form",
            done={"due_preview": ""},
        )

    @rx.event
    def set_step_done(self, step_id: int, done: bool):
        return submit(
            self,
            reflection.set_step_done,
            step_id,
            done,
            errors="step_errors",
            success="Step done" if done is True else "Step reopened",
            reload=STEPS,
        )


REFLECTING = Part(ReflectState, loop_page.reflecting, ReflectState._take)
STEPS = Part(ReflectState, reflection.action_steps, shown_in("steps"))
