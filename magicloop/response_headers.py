"""The server's one ASGI middleware for headers: it hands the headers of every HTTP response, with the path
asked for and the status, to edits."""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HeaderEdit = Callable[[MutableHeaders, str, int], None]


class ResponseHeaders:
    """Applies each edit, in order, to the headers of every HTTP response. (Granian answers a WebSocket
    handshake itself and drops the headers an app adds to it; a browser applies none to a socket anyway.)"""

    def __init__(self, app: ASGIApp, *edits: HeaderEdit) -> None:
        self.app = app
        self.edits = edits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_edited(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for edit in self.edits:
                    edit(headers, scope["path"], message["status"])
            await send(message)

        await self.app(scope, receive, send_edited)
