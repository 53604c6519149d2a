"""Downloads: a person's growth packet, one's own data, an admin's whole organisation."""

from __future__ import annotations

import asyncio
import logging

import reflex as rx

from magicloop.services import exports, packet, packet_file
from magicloop.state.auth import look, refusal
from magicloop.state.people import ProgressState
from magicloop.state.runner import TODAY, UNEXPECTED

log = logging.getLogger(__name__)


def _offer(file, done: str) -> list:
    return [rx.download(data=file.data, filename=file.filename, mime_type=file.mime_type), rx.toast.success(done)]


DOWNLOADS = {
    "mine": (exports.my_data, "Your data is downloading"),
    "organisation": (exports.organisation, "The organisation's export is downloading"),
}


class ExportState(rx.State):
    packet_errors: dict[str, str] = {}
    preparing_packet: bool = False
    preparing: str = ""  # the download under way: "mine" or "organisation"

    @rx.event
    async def export_packet(self, form: dict):
        """The packet of the person whose progress page this is. Exports read, and are logged (the runner
        turns the read into a write should the log's line meet another write)."""
        self.preparing_packet = True
        yield
        person = (await self.get_state(ProgressState))._person()
        outcome = await look(self, packet.gather, person, form, TODAY)
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
    async def download(self, what: str):
        """`what`: "mine", all of the person's own data, or "organisation", the admin's whole organisation."""
        if not isinstance(what, str) or what not in DOWNLOADS:
            return
        self.preparing = what
        yield
        make, done = DOWNLOADS[what]
        outcome = await look(self, make)
        self.preparing = ""
        yield _offer(outcome.value, done) if outcome.ok else refusal(outcome)
