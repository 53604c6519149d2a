"""What the app loads as it starts, so that no person's event waits for it."""

from __future__ import annotations

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
