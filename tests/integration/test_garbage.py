"""The collector, once the app has loaded, leaves what it loaded alone and collects less often."""

from __future__ import annotations

import gc

from magicloop import garbage


def test_settling_freezes_what_is_loaded_and_collects_less_often() -> None:
    before = gc.get_threshold()
    try:
        garbage.settle()
        assert gc.get_freeze_count() > 10_000
        assert gc.get_threshold() == (garbage.YOUNGEST_THRESHOLD, *before[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_app_settles_the_collector_when_it_starts() -> None:
    from magicloop.magicloop import app

    assert garbage.settle in app._lifespan_tasks
