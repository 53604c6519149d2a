"""The quarterly review page: the quarter's pictures, both summaries and their sign-offs."""

from __future__ import annotations

import dataclasses
import re

import reflex as rx

from magicloop.services import review_page, reviews
from magicloop.services.review_page import ReviewPage
from magicloop.services.reviews import ReviewRecord
from magicloop.services.versions import NOTHING_CHANGED, Changed
from magicloop.state.address import in_address
from magicloop.state.auth import look, perform_then, refusal
from magicloop.state.comments import CommentsState
from magicloop.state.forgetting import forget_refused
from magicloop.state.insights import person_in, show_pictures

NO_REVIEW = ReviewRecord(
    id=0,
    owner_summary="",
    manager_summary="",
    manager_summary_by="",
    owner_signed="",
    manager_signed="",
    complete=False,
    my_side="",
    signed_by_me=False,
    my_version=0,
)
SUMMARY_FORM = "summary-form"
THREAD = re.compile(r"review-([0-9]{1,18})")


class ReviewState(rx.State):
    owner_id: int = 0
    owner_name: str = ""
    quarter: str = ""  # "2026Q4"
    label: str = ""  # "2026 Q4"
    previous: str = ""
    next: str = ""
    running: bool = False
    ends: str = ""
    review: ReviewRecord = NO_REVIEW
    errors: dict[str, str] = {}
    saving: bool = False
    summary_version: int = 0  # the version the summary form was opened at: a live refresh leaves it
    changed: Changed = NOTHING_CHANGED
    problem: str = ""
    loaded: bool = False

    def _param(self, name: str) -> str:
        return in_address(self, name)

    @rx.event
    async def load(self):
        """on_load: the review the link names (a person and a quarter; by default one's own, this quarter)."""
        self.loaded, self.problem, self.errors, self.changed = False, "", {}, NOTHING_CHANGED
        events = await self._fetch()
        self.summary_version = self.review.my_version
        thread = THREAD.fullmatch(self._param("thread"))
        if thread and self.review.id == int(thread[1]):  # a notification of a comment opens its thread
            return [*(events or []), CommentsState.open_thread("review", self.review.id, "Quarterly review")]
        return events

    @rx.event
    async def refresh(self):
        """The other side wrote or signed: the page as it is now."""
        if self.loaded and not self.problem:
            return await self._fetch()
        return None

    async def _fetch(self):
        quarter = self._param("quarter") or None
        outcome = await look(self, review_page.open_review, person_in(self), quarter)
        if not outcome.ok:
            await forget_refused(self, outcome.forbidden)
            self.problem, self.loaded = outcome.message, True
            return [refusal(outcome)] if outcome.signed_out else None
        page: ReviewPage = outcome.value
        await show_pictures(self, page.pictures, page.quarter)
        self.owner_id, self.owner_name, self.quarter, self.label = (
            page.owner_id,
            page.owner_name,
            page.quarter,
            page.label,
        )
        self.previous, self.next, self.running, self.ends = page.previous, page.next, page.running, page.ends
        self.review, self.loaded = page.review, True
        return None

    async def _write(self, fn, *args, done: str):
        """A write to this review, then the review as it now stands, in one transaction."""
        outcome = await perform_then(
            self, fn, [self.owner_id, self.quarter, *args], (reviews.review_record, (self.owner_id, self.quarter))
        )
        self.saving, self.errors = False, outcome.field_errors
        if outcome.changed is not None:  # the summary was saved elsewhere since this form opened: show it
            self.changed, self.summary_version = (
                dataclasses.replace(outcome.changed, form=SUMMARY_FORM),
                outcome.changed.version,
            )
            return None
        if not outcome.ok:
            return refusal(outcome)
        [self.review] = outcome.value
        self.summary_version, self.changed = self.review.my_version, NOTHING_CHANGED
        return rx.toast.success(done)

    @rx.event
    async def save_summary(self, form: dict):
        self.saving = True
        yield
        yield await self._write(reviews.save_summary, form, done="Summary saved")

    @rx.event
    async def sign_off(self):
        self.saving = True
        yield
        yield await self._write(reviews.sign_off, done="Signed off")
