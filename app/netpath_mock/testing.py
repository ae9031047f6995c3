"""A live server on a free loopback port, in a background thread (tests and the pytest plugin)."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

from netpath_mock.core.guard import apply_limits, uvicorn_options
from netpath_mock.core.settings import Settings
from netpath_mock.main import create_app


class LiveServer:
    """Serves the mock on 127.0.0.1:<free port> until `stop()` (or the `with` block ends)."""

    def __init__(self, settings: Settings | None = None, **settings_values: Any) -> None:
        self.settings = settings or Settings(**settings_values)
        self.app = create_app(self.settings)
        # The same protocol guard, limits and options as `netpath-mock serve`.
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=0,
            log_level="warning",
            lifespan="on",  # closes the state backend's connections on stop
            **uvicorn_options(self.settings),
        )
        apply_limits(config, self.settings)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="netpath-mock", daemon=True)
        self.port = 0

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:54321 (the Datadog client's host)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def cloudflare_base_url(self) -> str:
        """What the Cloudflare SDK takes as base_url."""
        return f"{self.url}/client/v4"

    @property
    def state(self) -> Any:
        """The server's MockState."""
        return self.app.state

    def start(self, timeout: float = 10.0) -> LiveServer:
        """Start serving and wait until the socket is bound."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("netpath-mock test server did not start")
            time.sleep(0.01)
        sockets = [s for server in self._server.servers for s in server.sockets]
        self.port = sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
