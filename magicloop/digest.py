"""The daily email digest, queued by the running app (and by `python -m magicloop.digest`)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from magicloop.config import get_settings
from magicloop.db import transaction
from magicloop.outbox import deliver_due
from magicloop.services.notifications import queue_daily_digest

DIGEST_HOUR_UTC = 7
log = logging.getLogger(__name__)


def queue_now() -> int:
    with transaction() as db:
        return queue_daily_digest(db)


async def daily_digest_task() -> None:
    """Once a day, after the digest hour; does nothing without SMTP settings. The outbox sends it."""
    if not get_settings().smtp_enabled:
        return
    last_day = None
    while True:
        now = dt.datetime.now(dt.UTC)
        if now.hour >= DIGEST_HOUR_UTC and now.date() != last_day:
            try:
                queued = await asyncio.to_thread(queue_now)
                log.info("daily digest: %s mails queued", queued)
                last_day = now.date()
            except Exception:  # keep the app up; try again next hour
                log.exception("daily digest failed")
        await asyncio.sleep(3600)


if __name__ == "__main__":
    queued = queue_now()
    print(f"{queued} digest mails queued, {deliver_due()} mails sent")
