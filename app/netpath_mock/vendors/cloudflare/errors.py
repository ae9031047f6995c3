"""Cloudflare's error catalogue and its renderer: every MockError as the failure envelope.

The catalogue (ErrorEntry: status, code, message) is the one source for what services raise, what
routes document (`responses(...)`), what `Prefer: code=` forces and what the renderer writes
(cloudflare-contract-notes §3).
"""

from __future__ import annotations

from typing import Any

import orjson

from netpath_mock.core.errors import (
    ErrorDoc,
    ErrorEntry,
    InvalidParameters,
    MethodNotAllowed,
    MockError,
    PayloadTooLarge,
    RateLimited,
    RouteNotFound,
)
from netpath_mock.core.http import Response
from netpath_mock.vendors.cloudflare.schemas import FailureEnvelope

# Codes for injected 5xx: no public capture of DEX 5xx bodies exists (notes §3), so these are
# plausible stand-ins in the documented envelope; the statuses are what clients branch on.
SERVER_ERRORS: dict[int, tuple[int, str]] = {
    500: (10001, "Internal server error"),
    502: (10002, "Bad gateway"),
    503: (10003, "Service temporarily unavailable"),
    504: (10004, "Gateway timeout"),
}
ROUTE_ERROR = 7003
# 405 answers carry Cloudflare's router code 7001 (not in the notes: from public captures of the
# API's "Method not allowed for this endpoint." body; medium confidence).
METHOD_NOT_ALLOWED = (7001, "Method not allowed for this endpoint.")
# 971 is what the live API sends today (cloudflare-contract-notes §3 f, high confidence, a
# 2026-09 capture), although the contract's messages schema says `code` >= 1000: the notes'
# observed fact wins over the schema's generic minimum.
# No capture of an oversized API body exists; a plausible code in the documented envelope.
PAYLOAD_TOO_LARGE = (1013, "Request body too large")
RATE_LIMITED = (971, "Please wait and consider throttling your request speed")
# Missing or malformed query parameters: 400 in the failure envelope. One third-party capture
# shows DEX code 11004 "dex.api.parameter.missing" (cloudflare-dex-universe §2, low confidence);
# the malformed-value code and text are ours, derived from it.
PARAMETER_MISSING = (11004, "dex.api.parameter.missing")
PARAMETER_INVALID = (11005, "dex.api.parameter.invalid")

# --- the catalogue: one entry per (operation-specific) answer ---------------------------------

# GET .../traceroute-test-results/{id}/network-path for a result the account does not have.
RESULT_NOT_FOUND = ErrorEntry(404, 1001, "Traceroute test result not found")
# Account-level operations (lists, summaries, creates) address no object of their own: the one
# thing they can miss is the account's DEX data. No capture of such an answer exists; this is
# the catalogue's "<thing> not found" form (1001) for the account, so a forced 404 on them never
# borrows another operation's message (issue 10 item 4).
ACCOUNT_NOT_FOUND = ErrorEntry(404, 1001, "Account not found")
# A forced 400 on an operation that takes query parameters or a body answers what its own
# parameter check does (the one public DEX 400: 11004 dex.api.parameter.missing), not the
# route error of a malformed path id.
PARAMETER_MISSING_ERROR = ErrorEntry(400, *PARAMETER_MISSING)
# DEX analytics: a test id the account does not have, or a test of the other kind (universe doc
# C2), and a network-path deviceId no registered device has (also the DEX fleet's and devices'
# unknown device). 1001 as the seed endpoint's 404 (no capture of these bodies exists).
TRACEROUTE_TEST_NOT_FOUND = ErrorEntry(404, 1001, "Traceroute test not found")
HTTP_TEST_NOT_FOUND = ErrorEntry(404, 1001, "HTTP test not found")
DEVICE_NOT_FOUND = ErrorEntry(404, 1001, "Device not found")
# Authentication (see auth.py for when each applies).
MISSING_CREDENTIALS = ErrorEntry(
    400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"
)
INVALID_HEADERS = ErrorEntry(400, 6003, "Invalid request headers")
BAD_AUTHORIZATION = ErrorEntry(400, 6111, "Invalid format for Authorization header")
BAD_KEY = ErrorEntry(400, 6103, "Invalid format for X-Auth-Key header")
BAD_EMAIL = ErrorEntry(400, 6102, "Invalid format for X-Auth-Email header")
UNKNOWN_TOKEN = ErrorEntry(403, 9109, "Invalid access token")
UNKNOWN_KEY = ErrorEntry(403, 9103, "Unknown X-Auth-Key or X-Auth-Email")
NO_PERMISSION = ErrorEntry(403, 10000, "Authentication error")
# devices/{id}/fleet-status/live when the device reported nothing in the window (universe §3.3).
DEVICE_STATE_NOT_FOUND = ErrorEntry(404, 1001, "No device state found in the requested window")

# --- the DEX writable resources (dex_tests.py, rules.py, commands.py; codes: bodies.py) ------
# No public capture shows these answers: 404 reuses the seed endpoint's not-found code, and the
# 400s are in the DEX 11xxx range of the one public DEX code (11004). A 400's message starts
# with its slug and names the offending field: "dex.api.parameter.invalid: data.kind must be ...".
DEX_TEST_NOT_FOUND = ErrorEntry(404, 1001, "DEX test not found")
RULE_NOT_FOUND = ErrorEntry(404, 1001, "DEX rule not found")
COMMAND_NOT_FOUND = ErrorEntry(404, 1001, "Command not found")
FILE_NOT_FOUND = ErrorEntry(404, 1001, "File not found")
# A body that is not JSON: Cloudflare's v4 answer (6007, seen on the DNS API).
MALFORMED_JSON = ErrorEntry(400, 6007, "Malformed JSON in request body")
BODY_INVALID = ErrorEntry(400, 11005, "dex.api.parameter.invalid")
TESTS_LIMIT = ErrorEntry(
    400, 11006, "dex.api.tests.limit: an account can have at most 10 DEX tests"
)
DUPLICATE_TEST_NAME = ErrorEntry(400, 11007, "dex.api.tests.duplicate_name")
DEVICE_INELIGIBLE = ErrorEntry(400, 11008, "dex.api.commands.ineligible")
QUOTA_EXCEEDED = ErrorEntry(400, 11009, "dex.api.commands.quota")
SESSION_FULL = ErrorEntry(400, 11010, "dex.api.session.limit")

CATALOGUE: tuple[ErrorEntry, ...] = (
    RESULT_NOT_FOUND,
    ACCOUNT_NOT_FOUND,
    PARAMETER_MISSING_ERROR,
    TRACEROUTE_TEST_NOT_FOUND,
    HTTP_TEST_NOT_FOUND,
    DEVICE_NOT_FOUND,
    DEX_TEST_NOT_FOUND,
    RULE_NOT_FOUND,
    COMMAND_NOT_FOUND,
    FILE_NOT_FOUND,
    MALFORMED_JSON,
    BODY_INVALID,
    TESTS_LIMIT,
    DUPLICATE_TEST_NAME,
    DEVICE_INELIGIBLE,
    QUOTA_EXCEEDED,
    SESSION_FULL,
    MISSING_CREDENTIALS,
    INVALID_HEADERS,
    BAD_AUTHORIZATION,
    BAD_KEY,
    BAD_EMAIL,
    UNKNOWN_TOKEN,
    UNKNOWN_KEY,
    NO_PERMISSION,
    DEVICE_STATE_NOT_FOUND,
)


def route_error_message(path: str) -> str:
    """The 7003 text; it echoes the full request path, /client/v4 included (notes §3 g)."""
    return f"Could not route to {path}, perhaps your object identifier is invalid?"


def error_item(code: int, message: str, chain: tuple[tuple[int, str], ...] = ()) -> dict[str, Any]:
    """One `errors` entry, with `error_chain` when the error wraps others (6003)."""
    item: dict[str, Any] = {"code": code, "message": message}
    if chain:
        item["error_chain"] = [{"code": c, "message": m} for c, m in chain]
    return item


def render_error(error: MockError, path: str) -> Response:
    """The failure envelope and status for `error` on a request to `path`."""
    status = error.status
    if isinstance(error, RouteNotFound):
        # Route errors put `result` first (notes §3 g, "note the key order") and answer 400.
        body = {
            "result": None,
            "success": False,
            "errors": [error_item(ROUTE_ERROR, route_error_message(path))],
            "messages": [],
        }
        return Response(400, orjson.dumps(body))
    if isinstance(error, MethodNotAllowed):
        code, message = METHOD_NOT_ALLOWED
    elif isinstance(error, RateLimited):
        code, message = RATE_LIMITED
    elif isinstance(error, PayloadTooLarge):
        code, message = PAYLOAD_TOO_LARGE
    elif isinstance(error, InvalidParameters):
        missing = any(problem.get("type") == "missing" for problem in error.problems)
        code, message = PARAMETER_MISSING if missing else PARAMETER_INVALID
    elif error.code is not None:
        code, message = error.code, error.message
    elif status >= 500:
        code, message = SERVER_ERRORS.get(status, SERVER_ERRORS[500])
    else:
        # Mock-level input problems (X-Mock-Session, Prefer) are header errors: 6003.
        code, message = 6003, "Invalid request headers"
        error = MockError(message, chain=((6003, error.message),), status=status)
    # 9106 captures show no messages/result keys (notes §3 a, medium confidence on the key set),
    # but the contract's common failure envelope requires both; the contract wins here.
    body = {
        "success": False,
        "errors": [error_item(code, message, error.chain)],
        "messages": [],
        "result": None,
    }
    response = Response(status, orjson.dumps(body), list(error.headers))
    if isinstance(error, RateLimited):
        response.headers.append((b"retry-after", str(error.retry_after).encode()))
    return response


# --- documentation: FastAPI `responses=` built from the catalogue and the renderer ------------

_EXAMPLE_PATH = "/client/v4/accounts/0123/dex/..."


def _doc(entry: ErrorEntry | None, description: str, error: MockError) -> ErrorDoc:
    example = orjson.loads(render_error(error, _EXAMPLE_PATH).body)
    return ErrorDoc(
        entry,
        model=FailureEnvelope,
        description=description,
        content={"application/json": {"example": example}},
    )


def responses(
    *, not_found: ErrorEntry | None, params: bool = False, **more: ErrorEntry
) -> dict[int | str, Any]:
    """The error responses of one operation: its own 404 (and any other entries) + the common.

    `not_found` is what the operation answers for an unknown id, and so what `Prefer: code=404`
    forces on it; None for an account-level operation, whose 404 is ACCOUNT_NOT_FOUND. `params`:
    the operation takes query parameters or a body, so its 400 (and a forced 400) is the
    parameter error 11004 rather than the 7003 route error. Entries passed as keyword arguments
    (any name) document further answers (one with the status of `not_found` is described, and
    `not_found` stays what a forced 404 answers).
    """
    bad_request = (
        _doc(
            PARAMETER_MISSING_ERROR,
            "Missing or malformed parameter (11004/11005), malformed identifier (7003), "
            "missing or malformed credentials (9106/6003)",
            PARAMETER_MISSING_ERROR.error(),
        )
        if params
        else _doc(
            None,
            "Malformed identifier (7003), missing or malformed parameter (11004/11005), "
            "missing or malformed credentials (9106/6003)",
            RouteNotFound(),
        )
    )
    docs: dict[int | str, Any] = {
        400: bad_request,
        403: _doc(
            None,
            "Unknown credentials (9109/9103) or no DEX permission on the account (10000)",
            NO_PERMISSION.error(),
        ),
        405: _doc(None, "Method not allowed for this endpoint (7001)", MethodNotAllowed()),
        429: _doc(None, "Rate limited (971), with Retry-After", RateLimited(retry_after=60)),
    }
    own = ACCOUNT_NOT_FOUND if not_found is None else not_found
    docs[own.status] = _doc(own, own.message, own.error())
    for entry in more.values():
        if entry.status == own.status:
            # Another answer with the same status: documented, but a forced status answers
            # the operation's own entry (its unknown id).
            doc = docs[own.status]
            doc["description"] = f"{doc['description']}; or: {entry.message}"
            continue
        docs[entry.status] = _doc(entry, entry.message, entry.error())
    return docs
