"""The connection guard (core/guard.py) on uvicorn's h11 protocol, for `http=h11`.

A module of its own so that the usual httptools server never imports h11.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from netpath_mock.core.guard import _Guarded


class H11Guard(_Guarded, H11Protocol):
    """uvicorn's h11 protocol with the guard (h11 itself bounds the head size)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._guard_setup()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Register, start the watchdog, make room past max_connections."""
        super().connection_made(transport)
        self._guard_connected()

    def data_received(self, data: bytes) -> None:
        """Count the bytes of an unfinished head (to answer 431 rather than h11's 400)."""
        if self.conn.their_state is h11.IDLE:
            self._count_head(data)
        else:
            self._head_bytes = 0
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        """Uvicorn's refusal of a bad request: a head past the bound is a 431."""
        if self._head_bytes > self._limits.max_head_bytes:
            self._head_too_large()
        else:
            super().send_400_response(msg)
