"""The security controls that depend on MAGICLOOP_PUBLIC_URL and MAGICLOOP_ALLOWED_ORIGINS, for the cases
the browser tests' plain-http server on localhost cannot show."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.staticfiles import StaticFiles

from magicloop.config import get_settings
from magicloop.public_redirects import location_on
from magicloop.response_headers import ResponseHeaders
from magicloop.security_headers import inline_script_hashes, security_headers


@pytest.fixture
def settings_from(monkeypatch):
    def read(**env: str):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        return get_settings()

    yield read
    get_settings.cache_clear()


def test_only_the_public_url_is_an_allowed_origin_by_default(settings_from, monkeypatch) -> None:
    monkeypatch.delenv("MAGICLOOP_ALLOWED_ORIGINS", raising=False)
    settings = settings_from(MAGICLOOP_PUBLIC_URL="https://loops.example.com/")
    assert settings.allowed_origins == ("https://loops.example.com",)


def test_more_origins_come_only_from_magicloop_allowed_origins(settings_from) -> None:
    settings = settings_from(
        MAGICLOOP_PUBLIC_URL="https://loops.example.com",
        MAGICLOOP_ALLOWED_ORIGINS=" https://staging.example.com/, ,http://localhost:3000",
    )
    assert settings.allowed_origins == (
        "https://loops.example.com",
        "https://staging.example.com",
        "http://localhost:3000",
    )


def test_over_https_browsers_are_told_to_stay_on_https_and_the_socket_is_wss() -> None:
    headers = security_headers("https://loops.example.com", [])
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "connect-src 'self' wss://loops.example.com;" in headers["Content-Security-Policy"]


def test_over_plain_http_no_browser_is_told_to_insist_on_https() -> None:
    assert "Strict-Transport-Security" not in security_headers("http://localhost:3000", [])


def test_each_inline_script_of_the_built_pages_is_allowed_by_its_hash(tmp_path) -> None:
    (tmp_path / "signin").mkdir()
    (tmp_path / "signin" / "index.html").write_text('<script>let a = "é";</script><script src="/assets/a.js"></script>')
    (tmp_path / "404.html").write_text("<script type='module'>import '/x.js';</script><script></script>")
    assert inline_script_hashes(tmp_path) == [
        "'sha256-E7RPLeTidxT3bZYQW+sFQweqs1Ej4FnlNT4l3Kq9Xtc='",
        "'sha256-bRpuFRoYVKjvn/GA0B4PGwNkBZ9x/rIEtQahq9wjZ24='",
    ]


def test_a_redirect_built_from_the_requests_host_is_rebuilt_on_the_public_url(tmp_path) -> None:
    (tmp_path / "signin").mkdir()
    (tmp_path / "signin" / "index.html").write_text("<h1>Sign in</h1>")
    pages = Starlette()
    pages.mount("/", StaticFiles(directory=tmp_path, html=True))

    async def visit() -> httpx.Response:
        transport = httpx.ASGITransport(app=ResponseHeaders(pages, location_on("https://loops.example.com")))
        async with httpx.AsyncClient(transport=transport, base_url="http://evil.example") as client:
            return await client.get("/signin?next=%2Floop")

    response = asyncio.run(visit())
    assert response.status_code == 307
    assert response.headers["location"] == "https://loops.example.com/signin/?next=%2Floop"
