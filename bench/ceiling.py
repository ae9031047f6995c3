"""The stack's ceiling: a bare ASGI app answering every request with one captured response.

It runs under the same uvicorn with the same options as `netpath-mock serve` (httptools and uvloop
picked by uvicorn's "auto", no access log, no server header, one worker), and sends the very bytes
and headers the project answered. Whatever the project costs beyond this app is the price of its
own work: routing, auth, limits, the journal and producing the body.

    python -m bench.ceiling --capture capture.json --port 8001
"""

from __future__ import annotations

import argparse
import base64
import json
from pathlib import Path
from typing import Any

import uvicorn

# uvicorn adds these itself (date) or must not be sent twice (server, which serve() disables).
_SKIPPED = frozenset({"date"})


def load_capture(path: Path) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """(status, raw headers, body) from a capture file written by `capture_json`."""
    raw = json.loads(path.read_text())
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in raw["headers"]]
    return raw["status"], headers, base64.b64decode(raw["body"])


def capture_json(status: int, headers: list[tuple[str, str]], body: bytes) -> str:
    """A capture file's text; header names lowercased as ASGI sends them."""
    kept = [(k.lower(), v) for k, v in headers if k.lower() not in _SKIPPED]
    return json.dumps({"status": status, "headers": kept, "body": base64.b64encode(body).decode()})


def make_app(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> Any:
    """The ceiling app: the same two ASGI messages for every request, built once."""
    start = {"type": "http.response.start", "status": status, "headers": headers}
    message = {"type": "http.response.body", "body": body}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await send(start)
            await send(message)
        elif scope["type"] == "lifespan":
            while True:
                event = await receive()
                if event["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif event["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return

    return app


def main(argv: list[str] | None = None) -> None:
    """Serve a capture file until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m bench.ceiling", description=__doc__)
    parser.add_argument("--capture", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    app = make_app(*load_capture(args.capture))
    # The keyword arguments `netpath-mock serve` passes for one worker (app/cli.py).
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=5,
    )


if __name__ == "__main__":
    main()
