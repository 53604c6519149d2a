"""The daily email digest, sent by the running app (and by `python -m magicloop.digest`)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from magicloop.config import get_settings
from magicloop.db import transaction
from magicloop.services.notifications import send_daily_digest

DIGEST_HOUR_UTC = 7
log = logging.getLogger(__name__)


def send_now() -> int:
    with transaction() as db:
        return send_daily_digest(db)


async def daily_digest_task() -> None:
    """Once a day, after the digest hour; does nothing without SMTP settings."""
    if not get_settings().smtp_enabled:
        return
    last_day = None
    while True:
        now = dt.datetime.now(dt.UTC)
        if now.hour >= DIGEST_HOUR_UTC and now.date() != last_day:
            try:
                sent = await asyncio.to_thread(send_now)
                log.info("daily digest: %s mails", sent)
                last_day = now.date()
            except Exception:  # keep the app up; try again next hour
                log.exception("daily digest failed")
        await asyncio.sleep(3600)


if __name__ == "__main__":
    print(f"{send_now()} digest mails sent")
