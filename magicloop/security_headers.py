"""The security headers every HTTP response carries: pages, static assets, API routes, the socket's HTTP
endpoint."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

# React Router prerenders each page with inline scripts (the theme before first paint, scroll
# restoration, the router's context and streamed loader data, the module imports of the route). They
# are the same bytes on every request, so their hashes allow exactly them and no injected script.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.+?)</script>", re.DOTALL)


def inline_script_hashes(build_dir: Path) -> list[str]:
    """CSP sources for every inline script of the built pages, sorted so the header is stable."""
    hashes = set()
    for page in build_dir.rglob("*.html"):
        for script in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(public_url: str, script_hashes: list[str]) -> str:
    url = urlsplit(public_url)
    socket_origin = f"{'wss' if url.scheme == 'https' else 'ws'}://{url.netloc}"
    directives = {
        "default-src": ["'self'"],
        # 'unsafe-eval': Reflex 0.10's frontend runs what a handler sends back as `_call_function` or
        # `_call_script` through eval() (.web/utils/state.js), and every toast a handler returns arrives so.
        "script-src": ["'self'", "'unsafe-eval'", *script_hashes],
        # 'unsafe-inline': Emotion writes each component's generated CSS into <style> elements at run time
        # and Radix positions popovers and dialogs through style attributes; neither takes a nonce or a hash.
        "style-src": ["'self'", "'unsafe-inline'"],
        "connect-src": ["'self'", socket_origin],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def security_headers(public_url: str, script_hashes: list[str]) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(public_url, script_hashes),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        # Invite codes travel in the address: no page sends it on to another site.
        "Referrer-Policy": "no-referrer",
    }
    if urlsplit(public_url).scheme == "https":
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return headers
