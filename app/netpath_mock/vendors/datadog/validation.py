"""Request bodies and query parameters checked the way Synthetics' validator answers (notes §3 g).

Every problem becomes one line; several lines are joined by a newline into the single string of
`{"errors": [...]}`. The recorded lines are `Required parameter 'tick_every' is missing`,
`Minimum number of elements in parameter 'assertions' should be 1` and `'locations' should be
array` (also the recorded answer for an empty `locations`); the type lines (`'max_ttl' should be
integer`) and bound lines (`Minimum value of parameter 'tick_every' should be 30`) follow the
same pattern. Models are strict: JSON `true` is not an integer and `"50"` is not a number, so a
body of the wrong types is refused and never stored.
"""

from __future__ import annotations

from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from netpath_mock.core.errors import BadRequest

JSON_WRONG = "JSON format is wrong"  # the v1 spec's 400 description

_TYPE_WORDS = {
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "string_type": "string",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "array",
    "tuple_type": "array",
    "model_type": "object",
    "dict_type": "object",
    "model_attributes_type": "object",
}
# Lists whose emptiness the validator reports as a wrong type (recorded for `locations`).
_EMPTY_IS_WRONG_TYPE = frozenset({"locations"})


def problem_line(problem: Any) -> str:
    """One pydantic problem (a body field or a query parameter) as one validator line."""
    loc = [str(p) for p in problem["loc"] if not isinstance(p, int)]
    # Discriminated unions add the tag as a location step ("latency"); the field is before it.
    name = loc[-1] if loc else "body"
    kind: str = problem["type"]
    ctx = problem.get("ctx") or {}
    if kind == "missing" or kind == "union_tag_not_found":
        field = "type" if kind == "union_tag_not_found" else name
        return f"Required parameter '{field}' is missing"
    if kind in _TYPE_WORDS:
        return f"'{name}' should be {_TYPE_WORDS[kind]}"
    if kind == "too_short":
        if name in _EMPTY_IS_WRONG_TYPE:
            return f"'{name}' should be array"
        return f"Minimum number of elements in parameter '{name}' should be {ctx['min_length']}"
    if kind == "too_long":
        return f"Maximum number of elements in parameter '{name}' should be {ctx['max_length']}"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"Minimum value of parameter '{name}' should be {bound}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"Maximum value of parameter '{name}' should be {bound}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"'{name}' should be one of {expected}"
    if kind == "union_tag_invalid":
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        return f"'type' should be one of {expected}"
    if kind == "extra_forbidden":
        return f"Additional properties are not allowed ('{name}' was unexpected)"
    return f"The value provided for parameter '{name}' is invalid"


def validation_errors(error: ValidationError) -> str:
    """Synthetics-validator style: one message per problem, joined by newlines (notes §3 g)."""
    lines = list(dict.fromkeys(problem_line(problem) for problem in error.errors()))
    return "\n".join(lines)


M = TypeVar("M", bound=BaseModel)


def load_json(raw: bytes) -> Any:
    """The JSON document of a request body, or 400 "JSON format is wrong"."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest(JSON_WRONG) from None


def validate(document: Any, model: type[M]) -> M:
    """`document` as `model`, or BadRequest in the validator's words."""
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise BadRequest(validation_errors(exc)) from None


def parse_body(raw: bytes, model: type[M]) -> M:
    """Parse a JSON request body with `model`, or BadRequest in the validator's words."""
    return validate(load_json(raw), model)


# --- query parameters --------------------------------------------------------------------------


def query_int(
    params: dict[str, str], name: str, default: int, *, minimum: int = 0, maximum: int | None = None
) -> int:
    """An integer query parameter, or 400 naming it (the SDK sends plain decimal integers)."""
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    text = raw.strip()
    digits = text[1:] if text[:1] == "-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        raise BadRequest(f"'{name}' should be integer")
    value = int(text)
    if value < minimum:
        raise BadRequest(f"Minimum value of parameter '{name}' should be {minimum}")
    if maximum is not None and value > maximum:
        raise BadRequest(f"Maximum value of parameter '{name}' should be {maximum}")
    return value


def query_bool(params: dict[str, str], name: str, default: bool = False) -> bool:
    """A boolean query parameter: the SDK sends `true` / `false`."""
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise BadRequest(f"'{name}' should be boolean")
