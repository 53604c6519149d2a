"""Components whose code the browser fetches only when a page first shows them.

An `rx.memo` component compiles into a module of its own, named after the Python module that
defines it. Rendered directly, a page imports that module up front; through `lazy` the page
imports it on first render instead, so a heavy library (charts, Markdown) stays out of the
code every page loads first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import reflex as rx


@cache
def _loader(library: str, tag: str) -> type[rx.NoSSRComponent]:
    return type(f"Lazy{tag}", (rx.NoSSRComponent,), {"__module__": __name__, "library": library, "tag": tag})


def lazy(memo: Callable[..., rx.Component], **props: Any) -> rx.Component:
    """`memo(**props)`, imported the first time it renders; nothing shows until its code arrives."""
    compiled = memo(**props)  # knows the module and the name the memo compiles to
    return _loader(compiled.library, compiled.tag).create(custom_attrs=props)
