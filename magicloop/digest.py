"""The daily email digest, queued by the running app (and by `python -m magicloop.digest`).

Each person's digest goes out after the digest hour on their own clock, so the app looks every quarter
of an hour; the outbox sends what it queues."""

from __future__ import annotations

from magicloop.config import get_settings
from magicloop.db import transaction
from magicloop.outbox import deliver_due
from magicloop.periodic import repeat
from magicloop.services.digests import queue_daily_digest

LOOK_EVERY_S = 15 * 60


def queue_now() -> int:
    with transaction() as db:
        return queue_daily_digest(db)


async def daily_digest_task() -> None:
    """Does nothing without SMTP settings."""
    if get_settings().smtp_enabled:
        await repeat(queue_now, LOOK_EVERY_S, "digest mails queued")


if __name__ == "__main__":
    queued = queue_now()
    print(f"{queued} digest mails queued, {deliver_due()} mails sent")
