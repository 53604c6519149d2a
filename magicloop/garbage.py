"""Python's garbage collector set for a server holding many open tabs."""

from __future__ import annotations

import gc

# Container allocations between collections of the youngest generation (Python's default: 700). A server
# makes and drops thousands per event (rows, statements, state deltas), so by default it ran a collection of
# every object it held (some 200,000, 100–190 ms on two cores) every few seconds under load, stalling
# every tab's events for as long.
YOUNGEST_THRESHOLD = 50_000


def settle() -> None:
    """Once the app has loaded (a lifespan task): what it loaded lives as long as the process, so the
    collector stops walking it (`gc.freeze`), and collects less often."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST_THRESHOLD, middle, oldest)
