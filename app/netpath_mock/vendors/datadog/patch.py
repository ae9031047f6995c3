"""JSON Patch (RFC 6902) over JSON Pointers (RFC 6901), for v1 PatchTest.

`apply` never mutates its input: it works on a deep copy and returns it. A malformed or failing
operation raises BadRequest naming the operation's index and path (no recording exists of the
real texts, notes §9.4; the v1 spec's description is "JSON format is wrong").
"""

from __future__ import annotations

import copy
from typing import Any

from netpath_mock.core.errors import BadRequest
from netpath_mock.vendors.datadog.schemas import SyntheticsPatchTestOperation

_MISSING: Any = object()


class _PatchError(Exception):
    pass


def _tokens(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise _PatchError("is not a JSON pointer")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _index(container: list[Any], token: str, *, insert: bool) -> int:
    if insert and token == "-":
        return len(container)
    if not token.isascii() or not token.isdigit() or (token != "0" and token.startswith("0")):
        raise _PatchError("has an invalid array index")
    index = int(token)
    if index > len(container) or (index == len(container) and not insert):
        raise _PatchError("is out of range")
    return index


def _parent(document: Any, tokens: list[str]) -> Any:
    node = document
    for token in tokens[:-1]:
        if isinstance(node, dict):
            if token not in node:
                raise _PatchError("does not exist")
            node = node[token]
        elif isinstance(node, list):
            node = node[_index(node, token, insert=False)]
        else:
            raise _PatchError("does not exist")
    return node


def _get(document: Any, pointer: str) -> Any:
    tokens = _tokens(pointer)
    if not tokens:
        return document
    parent = _parent(document, tokens)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise _PatchError("does not exist")
        return parent[last]
    if isinstance(parent, list):
        return parent[_index(parent, last, insert=False)]
    raise _PatchError("does not exist")


def _remove(document: Any, pointer: str) -> Any:
    tokens = _tokens(pointer)
    if not tokens:
        raise _PatchError("cannot remove the whole test")
    parent = _parent(document, tokens)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise _PatchError("does not exist")
        return parent.pop(last)
    if isinstance(parent, list):
        return parent.pop(_index(parent, last, insert=False))
    raise _PatchError("does not exist")


def _add(document: Any, pointer: str, value: Any) -> Any:
    tokens = _tokens(pointer)
    if not tokens:
        return value
    parent = _parent(document, tokens)
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_index(parent, last, insert=True), value)
    else:
        raise _PatchError("does not exist")
    return document


def apply(document: dict[str, Any], operations: list[SyntheticsPatchTestOperation]) -> Any:
    """`document` with every operation applied in order (a new object)."""
    result: Any = copy.deepcopy(document)
    for i, operation in enumerate(operations):
        path = operation.path
        try:
            if operation.op == "add":
                result = _add(result, path, copy.deepcopy(operation.value))
            elif operation.op == "remove":
                _remove(result, path)
            elif operation.op == "replace":
                _get(result, path)  # must exist
                if _tokens(path):
                    _remove(result, path)
                result = _add(result, path, copy.deepcopy(operation.value))
            elif operation.op in ("move", "copy"):
                source = operation.from_
                if source is None:
                    raise _PatchError("needs 'from'")
                if operation.op == "move" and path.startswith(source + "/"):
                    raise _PatchError("cannot move a value into itself")
                try:
                    value = _get(result, source)
                except _PatchError as exc:
                    raise _PatchError(f"has a 'from' that {exc}") from None
                if operation.op == "move":
                    _remove(result, source)
                result = _add(result, path, copy.deepcopy(value))
            else:  # test
                if _get(result, path) != operation.value:
                    raise _PatchError("does not hold the tested value")
        except _PatchError as exc:
            message = f"Invalid patch operation {i} ({operation.op}): '{path}' {exc}"
            raise BadRequest(message) from None
    return result
