"""A page's address is served as it is written: `/loop` itself, not a redirect to `/loop/`."""

from __future__ import annotations

from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send


class PagesWithoutSlash:
    """The built frontend keeps each page as `<route>/index.html`, and Starlette's static files answer
    `/loop` with a redirect to `/loop/`: one more round trip before a page opened from a bookmark, a mail
    or a typed address starts to load (0.6 s on a phone, by Lighthouse's estimate). A request for a page
    is handed on as its address with the slash, so the page itself is the answer."""

    def __init__(self, app: ASGIApp, build_dir: Path) -> None:
        self.app = app
        # Read once: the frontend is built before the server starts.
        self.pages = frozenset(
            "/" + page.parent.relative_to(build_dir).as_posix() for page in build_dir.rglob("*/index.html")
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in self.pages:
            scope = {**scope, "path": scope["path"] + "/", "raw_path": (scope.get("raw_path") or b"") + b"/"}
        await self.app(scope, receive, send)
