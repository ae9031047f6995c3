"""Renders every MockError as Datadog's `{"errors": [...]}` (datadog-contract-notes §3)."""

from __future__ import annotations

import json

import orjson

from netpath_mock.core.errors import MethodNotAllowed, MockError, RateLimited, RouteNotFound
from netpath_mock.core.http import Response

NOT_FOUND_ROUTE = "Not found"  # unknown route (notes §3 e)
# Injected 5xx carry the status phrase ("Internal Server Error", "Bad Gateway", ...): the
# shape the client's ServiceException parses; no real synthetics 5xx body is on record.


def rate_limit_message(requests: int, seconds: int) -> str:
    """The 429 text of Datadog's API layer (notes §3 f)."""
    return (
        f"Rate limit of {requests} requests in {seconds} seconds reached. Please try again later."
    )


def render_error(error: MockError) -> Response:
    """`{"errors": [...]}` with the status the real API gives."""
    if isinstance(error, RouteNotFound | MethodNotAllowed):
        # The notes record no 405 from Datadog: a method the API does not serve on a path is,
        # like any unknown route, 404 {"errors": ["Not found"]} (notes §3 e).
        return Response(404, orjson.dumps({"errors": [NOT_FOUND_ROUTE]}))
    messages = [error.message, *error.messages]
    if isinstance(error, RateLimited):
        # The rate-limit layer answers with Python-style spacing, `{"errors": ["Rate limit …"]}`
        # (notes §3 f: "note the `": "` spacing of that dogweb layer").
        body = json.dumps({"errors": messages}).encode()
    else:
        body = orjson.dumps({"errors": messages})
    return Response(error.status, body, list(error.headers))
