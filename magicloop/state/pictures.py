"""What the insights and review pages draw: the Success Index with the items behind a chosen quarter, and
the pictures of a professional's loops. Each page's loader hands its view to these states."""

from __future__ import annotations

import reflex as rx

from magicloop.services.closure import Closure
from magicloop.services.insights import Pictures
from magicloop.services.pictures import LoopLength, RatingsCompared, Readiness
from magicloop.services.success_index import QuarterIndex

NO_QUARTER = QuarterIndex(
    key="", label="", percent=None, counted=0, points=0, still_open=0, running=False, committed=[]
)
NO_CLOSURE = Closure(label="", given=0, closed=0, percent=None, median_days=None)


class SuccessIndexState(rx.State):
    quarters: list[QuarterIndex] = []  # oldest first
    selected: str = ""  # the quarter whose items are shown

    def _take(self, quarters: list[QuarterIndex], selected: str) -> None:
        self.quarters, self.selected = quarters, selected

    @rx.var
    def shown(self) -> QuarterIndex:
        return next((q for q in self.quarters if q.key == self.selected), NO_QUARTER)

    @rx.var
    def chart(self) -> list[dict[str, str | int | None]]:
        return [{"quarter": q.label + (" so far" if q.running else ""), "percent": q.percent} for q in self.quarters]

    @rx.var
    def any_items(self) -> bool:
        return any(q.committed for q in self.quarters)

    @rx.event
    def show(self, key: str):
        """The items behind another quarter's number (any client may ask: only a quarter shown is taken)."""
        if any(q.key == key for q in self.quarters):
            self.selected = key


def closure_rows(closures: list[Closure]) -> list[dict[str, str | int | float | None]]:
    return [{"label": c.label, "percent": c.percent, "median_days": c.median_days} for c in closures]


class PicturesState(rx.State):
    closure: Closure = NO_CLOSURE
    closure_parts: list[Closure] = []  # per quarter, or per person on the team page
    loops: list[LoopLength] = []
    ratings: list[RatingsCompared] = []
    compared: str = ""  # "Loop 3 against loop 2"
    readiness: list[Readiness] = []

    def _take(self, pictures: Pictures) -> None:
        self.closure, self.closure_parts, self.loops = pictures.closure, pictures.closure_parts, pictures.loops
        self.ratings, self.compared, self.readiness = pictures.ratings, pictures.compared, pictures.readiness

    @rx.var
    def closure_chart(self) -> list[dict[str, str | int | float | None]]:
        return closure_rows(self.closure_parts)

    @rx.var
    def loops_chart(self) -> list[dict[str, str | int]]:
        return [
            {"loop": f"Loop {loop.number}", "days": loop.days, "delivered": len(loop.delivered)} for loop in self.loops
        ]

    def _radar(self, now: str, before: str) -> list[dict[str, str | int | None]]:
        """Recharts draws a missing score at the centre, as if 0: the competencies rated in both loops, or,
        where there is nothing to compare, those rated in one (the table has every score)."""
        rated = [r for r in self.ratings if getattr(r, now) is not None or getattr(r, before) is not None]
        both = [r for r in rated if getattr(r, now) is not None and getattr(r, before) is not None]
        return [
            {"competency": r.competency, "name": r.name, "now": getattr(r, now), "before": getattr(r, before)}
            for r in both or rated
        ]

    @rx.var
    def self_radar(self) -> list[dict[str, str | int | None]]:
        return self._radar("self_now", "self_before")

    @rx.var
    def manager_radar(self) -> list[dict[str, str | int | None]]:
        return self._radar("manager_now", "manager_before")

    @rx.var
    def readiness_chart(self) -> list[dict[str, str | int]]:
        return [{"loop": r.loop, "readiness": r.readiness} for r in self.readiness]
