"""Redirects point at MAGICLOOP_PUBLIC_URL, never at the address a request claims to be for."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class PublicRedirects:
    """ASGI middleware. Starlette builds a redirect's Location from the request's Host header (the static
    files send `/signin` on to `/signin/` so), and the Host header is whatever the client chose: a poisoned
    cache or proxy could send people on to another site. The app never redirects anyone off-site over HTTP,
    so every absolute Location is rebuilt on the public URL, keeping its path and query.
    """

    def __init__(self, app: ASGIApp, public_url: str) -> None:
        self.app = app
        public = urlsplit(public_url)
        self.scheme, self.netloc = public.scheme, public.netloc

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_public(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                location = urlsplit(headers.get("location", ""))
                if location.netloc:
                    headers["location"] = urlunsplit((self.scheme, self.netloc, *location[2:]))
            await send(message)

        await self.app(scope, receive, send_public)
