"""Stages 4 and 5: the growth conversation and the recommendations."""

from __future__ import annotations

import reflex as rx

from magicloop.services import growth, loop_page
from magicloop.services.growth import ConversationRow
from magicloop.services.loop_page import Growing
from magicloop.services.tracking import TrackedItemRow
from magicloop.services.validation import is_id
from magicloop.state.auth import refusal, today_for
from magicloop.state.loop import for_shown_loop, shown_loop_id, submit

NOTHING = Growing(conversations=[], recommendations=[])


class GrowthState(rx.State):
    conversations: list[ConversationRow] = []
    recommendations: list[TrackedItemRow] = []
    conversation_errors: dict[str, str] = {}
    recommendation_errors: dict[str, str] = {}
    reply_errors: dict[str, str] = {}
    replying_to: int = 0
    saving: bool = False

    def _take(self, part: Growing) -> None:
        self.conversations, self.recommendations = part.conversations, part.recommendations

    @rx.event
    async def load(self):
        outcome = await for_shown_loop(self, loop_page.growing)
        # Without access (or a loop), nothing of an earlier view may linger.
        self._take(outcome.value if outcome and outcome.ok else NOTHING)
        return refusal(outcome) if outcome else None

    @rx.event
    async def record_conversation(self, form: dict):
        async for event in submit(
            self,
            growth.record_conversation,
            await shown_loop_id(self),
            form,
            await today_for(self),
            errors="conversation_errors",
            success="Growth conversation recorded",
            form_id="conversation-form",
            reload=GrowthState.load,
        ):
            yield event

    @rx.event
    async def delete_conversation(self, conversation_id: int):
        async for event in submit(
            self,
            growth.delete_conversation,
            conversation_id,
            errors="conversation_errors",
            success="Conversation deleted",
            reload=GrowthState.load,
        ):
            yield event

    @rx.event
    async def add_recommendation(self, form: dict):
        async for event in submit(
            self,
            growth.add_recommendation,
            await shown_loop_id(self),
            form,
            await today_for(self),
            errors="recommendation_errors",
            success="Recommendation added",
            form_id="recommendation-form",
            reload=GrowthState.load,
        ):
            yield event

    @rx.event
    async def delete_recommendation(self, rec_id: int):
        async for event in submit(
            self,
            growth.delete_recommendation,
            rec_id,
            errors="recommendation_errors",
            success="Recommendation deleted",
            reload=GrowthState.load,
        ):
            yield event

    @rx.event
    def start_reply(self, rec_id: int):
        self.replying_to, self.reply_errors = rec_id if is_id(rec_id) else 0, {}

    @rx.event
    async def reply(self, form: dict):
        async for event in submit(
            self,
            growth.reply_to_recommendation,
            self.replying_to,
            form,
            errors="reply_errors",
            success="Reply saved — loop closed",
            reload=GrowthState.load,
        ):
            yield event
        if not self.reply_errors:
            self.replying_to = 0
