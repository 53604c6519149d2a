"""The two servers a load run compares, each a production Reflex backend on its own port,
and what they cost the machine (CPU time and memory of the whole process tree)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
FLOOR_DIR = Path(__file__).resolve().parent / "floor"
STARTUP_S = 240


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`reflex run --env prod --backend-only` in `cwd`; the frontend is not needed to send events."""

    def __init__(self, name: str, cwd: Path, env: dict[str, str], log: Path) -> None:
        self.name, self.cwd, self.log = name, cwd, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        venv_bin = str(Path(sys.executable).parent)
        inherited = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REFLEX_REDIS_URL")}
        self.env = {
            **inherited,
            "PATH": f"{venv_bin}:{os.environ.get('PATH', '')}",
            "REFLEX_USE_NPM": "1",
            "REFLEX_TELEMETRY_ENABLED": "false",
            **env,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod", "--backend-only"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [*command, "--backend-port", str(self.port)],
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as one
            )

    def wait(self) -> None:
        """Until the server answers; both servers start side by side."""
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The {self.name} server stopped while starting; see {self.log}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{self.url}/ping", timeout=2):
                    return
            time.sleep(0.5)
        raise RuntimeError(f"The {self.name} server did not answer within {STARTUP_S} s; see {self.log}")

    def _tree(self) -> list[psutil.Process]:
        if self.process is None:
            return []
        try:
            parent = psutil.Process(self.process.pid)
            return [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def cpu_seconds(self) -> float:
        """CPU time used so far by every process of the server (user and system)."""
        total = 0.0
        for process in self._tree():
            with contextlib.suppress(psutil.NoSuchProcess):
                times = process.cpu_times()
                total += times.user + times.system
        return total

    def rss_mb(self) -> float:
        total = 0
        for process in self._tree():
            with contextlib.suppress(psutil.NoSuchProcess):
                total += process.memory_info().rss
        return total / 2**20

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def app_server(data_dir: Path, database_url: str, redis_url: str, log: Path) -> Server:
    """The app on the benchmark's database, migrated first as run.sh does."""
    env = {"MAGICLOOP_DATA_DIR": str(data_dir), "DATABASE_URL": database_url}
    if redis_url:
        env["REFLEX_REDIS_URL"] = redis_url
    server = Server("app", ROOT, env, log)
    # Its own address is its public one: the only origin its socket accepts a page from.
    server.env["MAGICLOOP_PUBLIC_URL"] = server.url
    subprocess.run(
        [sys.executable, "-m", "magicloop.prepare"], cwd=ROOT, env=server.env, check=True, capture_output=True
    )
    return server


def floor_server(log: Path) -> Server:
    return Server("floor", FLOOR_DIR, {}, log)
