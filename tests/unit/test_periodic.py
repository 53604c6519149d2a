"""Work every app worker repeats: started together, the workers do not all do it at the same moments."""

from __future__ import annotations

import asyncio

import pytest

from magicloop import periodic


def _first_run(monkeypatch) -> tuple[list[float], list[str]]:
    """The waits of one worker's `repeat`, up to its second wait, and what ran between them."""
    waits, ran = [], []

    async def wait(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            raise asyncio.CancelledError  # the worker stops

    monkeypatch.setattr(periodic.asyncio, "sleep", wait)
    with pytest.raises(asyncio.CancelledError):
        asyncio.run(periodic.repeat(lambda: ran.append("swept") or 0, 900, "sweep"))
    return waits, ran


def test_each_worker_first_does_its_work_at_a_moment_of_its_own_within_the_period(monkeypatch):
    runs = [_first_run(monkeypatch) for _ in range(5)]
    firsts = [waits[0] for waits, _ in runs]
    assert all(0 <= first <= 900 for first in firsts)
    assert len(set(firsts)) == 5
    assert all(waits[1] == 900 and ran == ["swept"] for waits, ran in runs)  # then once every period
