"""What the app sets up as it starts, so that no person's event waits for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_loads_the_module_reflex_imports_on_the_first_event_with_an_argument():
    """Reflex imports reflex.model (and Alembic with it) when it first turns an event's argument into its
    declared type: a fresh process, as a worker starts, has it once the app is loaded."""
    probe = "import sys; import magicloop.magicloop; print('reflex.model' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.split()[-1] == "True", loaded.stdout + loaded.stderr


def test_the_app_collects_garbage_less_often_than_pythons_default():
    """Each open tab's state is hundreds of small objects: at Python's default threshold a burst of tabs opening
    spends a tenth of its CPU collecting (magicloop.py)."""
    probe = "import gc; import magicloop.magicloop; print(gc.get_threshold()[0])"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert int(loaded.stdout.split()[-1]) >= 10_000, loaded.stdout + loaded.stderr


def test_with_redis_the_worker_holding_a_tab_keeps_its_lock_and_state_between_events():
    """Reflex's opportunistic lock: without it every event loads the tab's state from Redis and stores it back."""
    probe = (
        "import rxconfig; from reflex_base.environment import environment; "
        "print(environment.REFLEX_OPLOCK_ENABLED.get())"
    )
    env = {key: value for key, value in os.environ.items() if key != "REFLEX_OPLOCK_ENABLED"}
    configured = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**env, "REFLEX_REDIS_URL": "redis://127.0.0.1:6379/5"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert configured.stdout.split()[-1] == "True", configured.stdout + configured.stderr


def test_with_redis_the_app_runs_one_worker_per_core():
    """Each worker serves many sockets at once and hears of every tab's socket: more workers than cores only cost."""
    probe = "import os, rxconfig; print(os.environ['GRANIAN_WORKERS'], os.cpu_count())"
    env = {key: value for key, value in os.environ.items() if key != "GRANIAN_WORKERS"}
    configured = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**env, "REFLEX_REDIS_URL": "redis://127.0.0.1:6379/5"},
        capture_output=True,
        text=True,
        check=True,
    )
    workers, cores = configured.stdout.split()[-2:]
    assert workers == cores, configured.stdout + configured.stderr
