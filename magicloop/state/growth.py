"""Stages 4 and 5: the growth conversation and the recommendations."""

from __future__ import annotations

import reflex as rx

from magicloop.services import growth, loop_page, tracking
from magicloop.services.growth import ConversationRow
from magicloop.services.loop_page import Growing
from magicloop.services.tracking import TrackedItemRow
from magicloop.services.validation import is_id
from magicloop.services.versions import NOTHING_CHANGED, Changed
from magicloop.state.loop import SHOWN_LOOP, Part, submit, tracked
from magicloop.state.runner import TODAY


class GrowthState(rx.State):
    conversations: list[ConversationRow] = []
    recommendations: list[TrackedItemRow] = []
    conversation_errors: dict[str, str] = {}
    recommendation_errors: dict[str, str] = {}
    reply_errors: dict[str, str] = {}
    replying_to: int = 0
    reply_version: int = 0  # the recommendation's, as the reply form opened
    changed: Changed = NOTHING_CHANGED
    saving: bool = False

    def _take(self, part: Growing) -> None:
        self.conversations, self.recommendations = part.conversations, part.recommendations

    @rx.event
    def record_conversation(self, form: dict):
        return submit(
            self,
            growth.record_conversation,
            SHOWN_LOOP,
            form,
            TODAY,
            errors="conversation_errors",
            success="Growth conversation recorded",
            form_id="conversation-form",
            reload=GROWING,
        )

    @rx.event
    def add_recommendation(self, form: dict):
        return submit(
            self,
            tracking.log_item,
            "recommendation",
            SHOWN_LOOP,
            form,
            TODAY,
            errors="recommendation_errors",
            success="Recommendation added",
            form_id="recommendation-form",
            reload=RECOMMENDATIONS,
        )

    @rx.event
    def start_reply(self, rec_id: int):
        self.replying_to, self.reply_errors, self.changed = rec_id if is_id(rec_id) else 0, {}, NOTHING_CHANGED
        self.reply_version = next((r.version for r in self.recommendations if r.id == self.replying_to), 0)

    @rx.event
    def reply(self, form: dict):
        return submit(
            self,
            growth.reply_to_recommendation,
            self.replying_to,
            form,
            errors="reply_errors",
            success="Reply saved — loop closed",
            reload=RECOMMENDATIONS,
            done={"replying_to": 0},
            opened="reply",
            pin="reply_version",
        )


GROWING = Part(GrowthState, loop_page.growing, GrowthState._take)
RECOMMENDATIONS = tracked("recommendation", GrowthState, "recommendations")
