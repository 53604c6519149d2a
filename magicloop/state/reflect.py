"""Stage 1, Reflect: self-assessment, self-reflection, the dated action plan."""

from __future__ import annotations

import reflex as rx

from magicloop.models import RaterKind
from magicloop.services import ratings, reflection
from magicloop.services.loop_page import Reflecting
from magicloop.services.ratings import GapRow
from magicloop.services.reflection import ActionStepRow, CompetencyRow, ReflectionView
from magicloop.services.versions import NOTHING_CHANGED, Changed
from magicloop.state.auth import today_for
from magicloop.state.loop import SHOWN_LOOP, Part, shown_in, submit
from magicloop.state.runner import TODAY


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
    # The versions the forms were opened at: when the page loaded, or this tab last saved or was shown
    # someone else's save; never moved by a change pushed from elsewhere while the person may be typing.
    reflection_version: int = 0
    rating_versions: dict[str, int] = {}  # "self-<competency id>" and "manager-<competency id>"
    changed: Changed = NOTHING_CHANGED

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

    def _take(self, part: Reflecting, opened: bool = False) -> None:
        """The stage as read; `opened`: its forms open anew (a page load)."""
        self.competencies, self.reflection = part.competencies, part.reflection
        self.steps, self.gaps = part.steps, part.gaps
        if opened:
            self._take_reflection(part.reflection)
            self._take_ratings((part.competencies, part.gaps))
            self.changed = NOTHING_CHANGED

    def _take_reflection(self, reflection: ReflectionView) -> None:
        self.reflection, self.reflection_version = reflection, reflection.version

    def _take_ratings(self, read: tuple[list[CompetencyRow], list[GapRow]]) -> None:
        self.competencies, self.gaps = read
        self.rating_versions = {
            **{f"self-{row.competency_id}": row.version for row in self.competencies},
            **{f"manager-{row.competency_id}": row.manager_version for row in self.competencies},
        }

    @rx.event
    def save_assessment(self, form: dict):
        return submit(
            self,
            reflection.save_self_assessment,
            SHOWN_LOOP,
            form,
            errors="assessment_errors",
            success="Self-assessment saved",
            reload=RATINGS,
            opened="assessment",
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
            reload=RATINGS,
            opened="manager-rating",
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
            reload=REFLECTION,
            opened="reflection",
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


def _ratings(db, user, loop_id: int, _today) -> tuple[list[CompetencyRow], list[GapRow]]:
    return reflection.assessment(db, user, loop_id), ratings.gap_view(db, user, loop_id)


RATINGS = Part(ReflectState, _ratings, ReflectState._take_ratings)
REFLECTION = Part(
    ReflectState,
    lambda db, user, loop_id, _today: reflection.self_reflection(db, user, loop_id),
    ReflectState._take_reflection,
)
STEPS = Part(ReflectState, reflection.action_steps, shown_in("steps"))
