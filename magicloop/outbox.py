"""The sender of the mail outbox, run by every app worker (and by `python -m magicloop.outbox`).

It sends what is due as soon as a commit queues mail in this process, and looks every minute for
mail queued by other workers or waiting for a retry (see services/mail.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from sqlalchemy.engine import Engine

from magicloop.config import get_settings
from magicloop.db import transaction
from magicloop.services import mail

LOOK_EVERY_S = 60
log = logging.getLogger(__name__)


def deliver_due(engine: Engine | None = None, now: dt.datetime | None = None) -> int:
    """Send the mails due now that this sender wins; returns how many went out. No transaction is
    open while a mail server is talked to."""
    sent = 0
    while True:
        with transaction(engine) as db:
            claimed = mail.claim_due(db, now)
        if not claimed:
            return sent
        for message in claimed:
            error = mail.smtp_send(message)
            with transaction(engine) as db:
                mail.settle(db, message, error, now)
            sent += error is None


async def outbox_task() -> None:
    """Sends for as long as the app runs; does nothing without SMTP settings."""
    if not get_settings().smtp_enabled:
        return
    loop, woken = asyncio.get_running_loop(), asyncio.Event()
    mail.when_queued(lambda: loop.call_soon_threadsafe(woken.set))
    while True:
        woken.clear()
        try:
            await asyncio.to_thread(deliver_due)
        except Exception:  # keep the app up; the mail waits for the next look
            log.exception("sending the outbox failed")
        try:
            await asyncio.wait_for(woken.wait(), timeout=LOOK_EVERY_S)
        except TimeoutError:
            pass


if __name__ == "__main__":
    print(f"{deliver_due()} mails sent")
