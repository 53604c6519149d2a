"""Downloads: a person's growth packet, one's own data, an admin's whole organisation."""

from __future__ import annotations

import asyncio
import logging

import reflex as rx

from magicloop.services import exports, packet, packet_file
from magicloop.state.auth import look, refusal, today_for
from magicloop.state.people import ProgressState
from magicloop.state.runner import UNEXPECTED

log = logging.getLogger(__name__)


def _offer(file, done: str) -> list:
    return [rx.download(data=file.data, filename=file.filename, mime_type=file.mime_type), rx.toast.success(done)]


class ExportState(rx.State):
    packet_errors: dict[str, str] = {}
    preparing_packet: bool = False
    preparing_mine: bool = False
    preparing_organisation: bool = False

    @rx.event
    async def export_packet(self, form: dict):
        """The packet of the person whose progress page this is. Exports read, and are logged (the runner
        turns the read into a write should the log's line meet another write)."""
        self.preparing_packet = True
        yield
        person = (await self.get_state(ProgressState))._person()
        outcome = await look(self, packet.gather, person, form, await today_for(self))
        self.packet_errors = outcome.field_errors
        if not outcome.ok:
            self.preparing_packet = False
            yield refusal(outcome)
            return
        try:  # CPU work for a long history: off the event loop
            file = await asyncio.to_thread(packet_file.render, outcome.value)
        except Exception:
            log.exception("rendering a growth packet failed")
            self.preparing_packet = False
            yield rx.toast.error(UNEXPECTED)
            return
        self.preparing_packet = False
        yield _offer(file, f"Growth packet ready: {file.filename}")

    @rx.event
    async def download_my_data(self):
        self.preparing_mine = True
        yield
        outcome = await look(self, exports.my_data)
        self.preparing_mine = False
        yield _offer(outcome.value, "Your data is downloading") if outcome.ok else refusal(outcome)

    @rx.event
    async def export_organisation(self):
        self.preparing_organisation = True
        yield
        outcome = await look(self, exports.organisation)
        self.preparing_organisation = False
        yield _offer(outcome.value, "The organisation's export is downloading") if outcome.ok else refusal(outcome)
