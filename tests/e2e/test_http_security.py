"""What the production server answers at the HTTP level: security headers on every kind of response,
no answer that sends anyone to the Host a request names, and a socket that only the app's
own pages may open. (That the policy lets the app work is shown by every browser test: a page it breaks
logs console errors or shows no toasts, which fails them.)"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

EXPECTED = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
PAGES = ("/signin/", "/signup/", "/invite/", "/loop/")
EVIL = "evil.example"


def request(
    app_url: str, method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[http.client.HTTPResponse, str]:
    """One request exactly as given, Host included; a redirect is not followed."""
    address = urlsplit(app_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": address.netloc, **(headers or {})})
        response = connection.getresponse()
        return response, response.read().decode(errors="replace")
    finally:
        connection.close()


def policy(response: http.client.HTTPResponse) -> dict[str, list[str]]:
    directives = (d.split() for d in response.getheader("Content-Security-Policy", "").split(";") if d.strip())
    return {name: sources for name, *sources in directives}


def a_script_asset(app_url: str) -> str:
    _, html = request(app_url, "GET", "/signin/")
    return re.search(r'href="(/assets/[^"]+\.js)"', html).group(1)


class InlineScripts(HTMLParser):
    """The text of every <script> without a `src`, as the browser hashes it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False
        self.feed(html)

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "script" and "src" not in dict(attrs):
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag) -> None:
        self._inside = self._inside and tag != "script"

    def handle_data(self, data) -> None:
        if self._inside:
            self.scripts[-1] += data


def test_every_kind_of_response_carries_the_security_headers(app_url) -> None:
    preflight = {"Origin": f"http://{EVIL}", "Access-Control-Request-Method": "POST"}
    responses = {
        "a page": request(app_url, "GET", "/signin/"),
        "a script": request(app_url, "GET", a_script_asset(app_url)),
        "a stylesheet": request(app_url, "GET", "/contrast.css"),
        "a missing page": request(app_url, "GET", "/no-such-page"),
        "the ping route": request(app_url, "GET", "/ping"),
        "the socket's HTTP endpoint": request(app_url, "GET", "/_event/"),
        "a refused cross-origin preflight": request(app_url, "OPTIONS", "/ping", preflight),
    }
    for kind, (response, _) in responses.items():
        for name, value in EXPECTED.items():
            assert response.getheader(name) == value, f"{kind} ({response.status}): {name}"
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], kind
        assert directives["frame-ancestors"] == ["'none'"], kind
        # The public URL here is plain http: a browser must not be told to insist on https.
        assert response.getheader("Strict-Transport-Security") is None, kind


def test_the_policy_lets_in_the_pages_own_scripts_and_socket_and_nothing_inline_besides(app_url) -> None:
    for path in PAGES:
        response, html = request(app_url, "GET", path)
        directives = policy(response)
        scripts = [script for script in InlineScripts(html).scripts if script]
        assert scripts, f"{path}: no inline scripts to check"
        for script in scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in directives["script-src"], f"{path}: {script[:80]!r}"
        assert "'unsafe-inline'" not in directives["script-src"]
        assert f"ws://{urlsplit(app_url).netloc}" in directives["connect-src"]


@pytest.mark.parametrize(
    "path", ["/signin", "/admin", "/invite?code=abc123", "//signin", "/signin/.", "/ping/", "/assets"]
)
def test_no_answer_sends_anyone_to_the_host_a_request_names(app_url, path) -> None:
    response, _ = request(app_url, "GET", path, {"Host": EVIL})
    assert EVIL not in (response.getheader("Location") or ""), path


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/signin", "/signin/"),
        ("/admin", "/admin/"),
        ("/admin/framework", "/admin/framework/"),
        ("/invite?code=abc123", "/invite/"),
    ],
)
def test_a_page_opened_by_its_address_is_answered_with_the_page_not_a_redirect(app_url, path, page) -> None:
    response, html = request(app_url, "GET", path)
    assert (response.status, html) == (200, request(app_url, "GET", page)[1])
    assert "<title>" in html


def socket_handshake(app_url: str, origin: str) -> int:
    """The status of the WebSocket upgrade a page at `origin` asks for, as a browser sends it."""
    response, _ = request(
        app_url,
        "GET",
        "/_event/?EIO=4&transport=websocket",
        {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
            "Origin": origin,
        },
    )
    return response.status


@pytest.mark.parametrize("origin", [f"http://{EVIL}", "http://localhost:3000", "http://127.0.0.1:3000"])
def test_the_socket_refuses_a_page_from_another_origin(app_url, origin) -> None:
    assert socket_handshake(app_url, origin) == 403


def test_the_socket_accepts_a_page_from_the_public_url(app_url) -> None:
    assert socket_handshake(app_url, app_url) == 101


def test_a_browser_keeps_the_builds_scripts_for_good_and_asks_after_each_page_again(app_url) -> None:
    script, _ = request(app_url, "GET", a_script_asset(app_url))
    page, _ = request(app_url, "GET", "/loop")
    assert script.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert page.getheader("Cache-Control") == "no-cache"
