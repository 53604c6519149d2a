"""Work that every app worker repeats while it runs. Each piece claims what it does in the database, so
several workers doing it at the same moment still do it once."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable

log = logging.getLogger(__name__)


async def repeat(work: Callable[[], int], every_s: float, what: str) -> None:
    """`work` off the event loop every `every_s` seconds; a failure is logged and tried again next time.

    The first time comes at a random moment within the first period: workers started together would
    otherwise all sweep the database at once, every time, and first just as the first pages are opened."""
    await asyncio.sleep(random.uniform(0, every_s))
    while True:
        try:
            if done := await asyncio.to_thread(work):
                log.info("%s: %s", what, done)
        except Exception:  # keep the app up
            log.exception("%s failed", what)
        await asyncio.sleep(every_s)
