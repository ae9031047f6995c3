"""The explorer: a page for prototypers, served at /_mock/ui by the control plane.

Hand-written HTML, CSS and JavaScript (ES modules, no framework, no build step, no CDN), so it
works offline from the installed package. It reads everything through the mock's own vendor
endpoints and /_mock, as any browser client would: pick a vendor and a session, browse the
catalog, draw a network path, watch the session's journal, set the simulator's controls.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

STATIC_DIR: Final = Path(__file__).resolve().parent / "static"


@cache
def index_html() -> str:
    """The explorer page (read once)."""
    return (STATIC_DIR / "index.html").read_text(encoding="utf-8")
