"""The calendar feed over HTTP, for calendar apps that subscribe: GET /calendar/<token>.ics.

It needs no session, only the link's secret token. Whatever opens no feed (an unknown token, one turned
off or replaced, a disabled person's) gets the same plain 404. The server's header middleware adds the
security headers, as to every response."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from magicloop import routes
from magicloop.db import transaction
from magicloop.services.calendar_feed import FILE_NAME, feed_for_token


def calendar_feed(request: Request) -> Response:
    """Sync, so Starlette runs it on a worker thread, off the event loop."""
    with transaction(write=False) as db:
        body = feed_for_token(db, request.path_params["token"])
    if body is None:
        return PlainTextResponse("Not found", status_code=404, headers={"Cache-Control": "no-store"})
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store", "Content-Disposition": f'inline; filename="{FILE_NAME}"'},
    )


def feed_routes() -> Starlette:
    """Served in front of Reflex's own routes (an `api_transformer`)."""
    return Starlette(routes=[Route(routes.CALENDAR + "/{token}.ics", calendar_feed, methods=["GET", "HEAD"])])
