"""A page opened by its address is answered at once, with no redirect to the address with a slash."""

from __future__ import annotations

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.staticfiles import StaticFiles

from magicloop.page_paths import PagesWithoutSlash


def visit(build_dir, *paths: str) -> list[httpx.Response]:
    site = Starlette()
    site.mount("/", StaticFiles(directory=build_dir, html=True))

    async def get_all() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=PagesWithoutSlash(site, build_dir))
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost:3000") as client:
            return [await client.get(path) for path in paths]

    return asyncio.run(get_all())


def test_a_page_is_answered_at_its_own_address_and_everything_else_as_before(tmp_path) -> None:
    for page, text in [("loop", "Your loop"), ("admin/framework", "Framework"), ("", "Dashboard")]:
        (tmp_path / page).mkdir(parents=True, exist_ok=True)
        (tmp_path / page / "index.html").write_text(f"<h1>{text}</h1>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("export {}")

    answers = visit(tmp_path, "/loop", "/loop?id=3", "/loop/", "/admin/framework", "/", "/assets/app.js", "/nowhere")

    assert [(answer.status_code, answer.text) for answer in answers] == [
        (200, "<h1>Your loop</h1>"),
        (200, "<h1>Your loop</h1>"),
        (200, "<h1>Your loop</h1>"),
        (200, "<h1>Framework</h1>"),
        (200, "<h1>Dashboard</h1>"),
        (200, "export {}"),
        (404, "Not Found"),
    ]
