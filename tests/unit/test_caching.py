"""A browser keeps the build's scripts for good and asks after each page again."""

from __future__ import annotations

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.staticfiles import StaticFiles

from magicloop.caching import cache_control
from magicloop.response_headers import ResponseHeaders


def test_the_builds_named_files_are_kept_for_good_and_everything_else_asked_after_again(tmp_path) -> None:
    (tmp_path / "signin").mkdir()
    (tmp_path / "signin" / "index.html").write_text("<h1>Sign in</h1>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "entry-ByXnQf4V.js").write_text("export {}")
    feed = PlainTextResponse("BEGIN:VCALENDAR", headers={"Cache-Control": "private, max-age=300"})
    site = Starlette(routes=[Route("/calendar.ics", lambda _request: feed)])
    site.mount("/", StaticFiles(directory=tmp_path, html=True))

    async def visit(*paths: str) -> list[tuple[int, str]]:
        transport = httpx.ASGITransport(app=ResponseHeaders(site, cache_control))
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost:3000") as client:
            answers = [await client.get(path) for path in paths]
        return [(answer.status_code, answer.headers["cache-control"]) for answer in answers]

    assert asyncio.run(visit("/assets/entry-ByXnQf4V.js", "/signin/", "/assets/gone-AAAAAAAA.js", "/calendar.ics")) == [
        (200, "public, max-age=31536000, immutable"),
        (200, "no-cache"),
        (404, "no-cache"),
        (200, "private, max-age=300"),
    ]
