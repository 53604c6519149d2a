"""What the app sets up as it starts, so that no person's event waits for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def fresh_process(probe: str, *, redis: bool = False, unset: str = "") -> tuple[list[str], str]:
    """What `probe` prints in a new process, as a worker starts (keeping UI state in Redis when `redis`), with
    `unset` left out of the environment; and all it said, for a failure's message."""
    env = {key: value for key, value in os.environ.items() if key != unset}
    if redis:
        env["REFLEX_REDIS_URL"] = "redis://127.0.0.1:6379/5"
    ran = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return ran.stdout.split(), ran.stdout + ran.stderr


def test_the_app_loads_the_module_reflex_imports_on_the_first_event_with_an_argument():
    """Reflex imports reflex.model (and Alembic with it) when it first turns an event's argument into its
    declared type: a fresh process, as a worker starts, has it once the app is loaded."""
    printed, said = fresh_process("import sys; import magicloop.magicloop; print('reflex.model' in sys.modules)")
    assert printed[-1] == "True", said


def test_the_app_collects_garbage_less_often_than_pythons_default():
    """Each open tab's state is hundreds of small objects: at Python's default threshold a burst of tabs opening
    spends a tenth of its CPU collecting (magicloop.py)."""
    printed, said = fresh_process("import gc; import magicloop.magicloop; print(gc.get_threshold()[0])")
    assert int(printed[-1]) >= 10_000, said


def test_with_redis_the_worker_holding_a_tab_keeps_its_lock_and_state_between_events():
    """Reflex's opportunistic lock: without it every event loads the tab's state from Redis and stores it back."""
    printed, said = fresh_process(
        "import rxconfig; from reflex_base.environment import environment; "
        "print(environment.REFLEX_OPLOCK_ENABLED.get())",
        redis=True,
        unset="REFLEX_OPLOCK_ENABLED",
    )
    assert printed[-1] == "True", said


def test_with_redis_the_app_runs_one_worker_per_core():
    """Each worker serves many sockets at once and hears of every tab's socket: more workers than cores only cost."""
    printed, said = fresh_process(
        "import os, rxconfig; print(os.environ['GRANIAN_WORKERS'], os.cpu_count())", redis=True, unset="GRANIAN_WORKERS"
    )
    workers, cores = printed[-2:]
    assert workers == cores, said
