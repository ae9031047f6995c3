"""Datadog's error catalogue and its renderer: every MockError as `{"errors": [...]}`.

The catalogue (ErrorEntry: status, code, message) is the one source for what services raise, what
routes document (`responses(...)`), what `Prefer: code=` forces and what the renderer writes
(datadog-contract-notes §3).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from netpath_mock.core.errors import (
    BadRequest,
    ErrorDoc,
    ErrorEntry,
    Forbidden,
    InvalidParameters,
    MethodNotAllowed,
    MockError,
    RateLimited,
    RouteNotFound,
    Unauthorized,
)
from netpath_mock.core.http import Response
from netpath_mock.vendors.datadog import validation
from netpath_mock.vendors.datadog.schemas import APIErrorResponse

NOT_FOUND_ROUTE = "Not found"  # unknown route (notes §3 e)
# Injected 5xx carry the status phrase ("Internal Server Error", "Bad Gateway", ...): the
# shape the client's ServiceException parses; no real synthetics 5xx body is on record.

# --- the catalogue ------------------------------------------------------------------------------

TEST_NOT_FOUND = ErrorEntry(404, None, "Synthetics test not found")  # notes §3 e
UNAUTHORIZED = ErrorEntry(401, None, "Unauthorized")  # notes §3 a/c
LEGACY_FORBIDDEN = ErrorEntry(403, None, "Forbidden")  # pre-2025 answer to bad keys
PERMISSION_DENIED = ErrorEntry(
    403, None, "Forbidden", ("Failed permission authorization checks",)
)  # notes §3 d
# No body is on record for these two; the texts are the spec's 404 description ("Batch does
# not exist.") and a sentence in the same style as the test's.
BATCH_NOT_FOUND = ErrorEntry(404, None, "Batch does not exist.")
VERSION_NOT_FOUND = ErrorEntry(404, None, "Synthetics test version not found")
# Results: no body is on record (the BDD scenarios are skipped, notes §9.1); texts in the style
# of the test's 404. The poll's 404 means "not available yet" to datadog-ci, which retries it.
RESULT_NOT_FOUND = ErrorEntry(404, None, "Synthetics test result not found")
RESULTS_NOT_FOUND = ErrorEntry(404, None, "Synthetics test results not found")
CATALOGUE: tuple[ErrorEntry, ...] = (
    TEST_NOT_FOUND,
    UNAUTHORIZED,
    LEGACY_FORBIDDEN,
    PERMISSION_DENIED,
    BATCH_NOT_FOUND,
    VERSION_NOT_FOUND,
    RESULT_NOT_FOUND,
    RESULTS_NOT_FOUND,
)


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
    if isinstance(error, InvalidParameters):
        messages = [parameter_message(problem) for problem in error.problems]
    else:
        messages = [error.message, *error.messages]
    if isinstance(error, RateLimited):
        # The rate-limit layer answers with Python-style spacing, `{"errors": ["Rate limit …"]}`
        # (notes §3 f: "note the `": "` spacing of that dogweb layer").
        body = json.dumps({"errors": messages}).encode()
    else:
        body = orjson.dumps({"errors": messages})
    return Response(error.status, body, list(error.headers))


def parameter_message(problem: dict[str, Any]) -> str:
    """A query-parameter problem in the Synthetics validator's words (as the bodies')."""
    return validation.problem_line(problem)


# --- documentation: FastAPI `responses=` built from the catalogue and the renderer ------------


def _doc(entry: ErrorEntry | None, description: str, error: MockError) -> ErrorDoc:
    example = orjson.loads(render_error(error).body)
    return ErrorDoc(
        entry,
        model=APIErrorResponse,
        description=description,
        content={"application/json": {"example": example}},
    )


def responses(*, not_found: ErrorEntry | None = None, **more: ErrorEntry) -> dict[int | str, Any]:
    """The error responses of one operation: its own 404 (if it has one) + the common ones.

    `not_found` is what the operation answers for an unknown id, and so what `Prefer: code=404`
    forces on it; keyword entries (any name) document further statuses.
    """
    docs: dict[int | str, Any] = {
        400: _doc(None, "Bad request (parameters or body)", BadRequest("JSON format is wrong")),
        401: _doc(None, "Missing or unknown API or application key", Unauthorized("Unauthorized")),
        403: _doc(
            None,
            "The application key lacks the operation's permission",
            Forbidden(PERMISSION_DENIED.message, messages=PERMISSION_DENIED.messages),
        ),
        429: _doc(
            None,
            "Rate limited (X-RateLimit-Reset says when to retry)",
            RateLimited(rate_limit_message(1000, 60), retry_after=60),
        ),
    }
    for entry in (*((not_found,) if not_found else ()), *more.values()):
        docs[entry.status] = _doc(entry, entry.message, entry.error())
    return docs
