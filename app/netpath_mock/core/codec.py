"""Stored values as JSON: what a session store holds, written to and read back from Redis.

A shared state backend keeps every session store's values as JSON bytes. Vendors store plain
data and their own record classes (dataclasses, named tuples, sentinel objects such as a
"deleted" marker); `encode` turns such a value into JSON bytes and `decode` rebuilds an equal
value. Only types registered here (`register`, `register_constant`) are rebuilt: no class is
ever looked up by a name read from the store, so the store's bytes cannot make the mock run code.

Tagged objects carry the key TAG (NUL then "t"), which no JSON document a client sends can give a
stored dict (a client's dict keys are stored inside a "map" item when one starts with NUL).
"""

from __future__ import annotations

import base64
import dataclasses
from collections import OrderedDict, deque
from datetime import datetime
from typing import Any

import orjson

TAG = "\x00t"
_TYPES: dict[str, type] = {}
_NAMES: dict[type, str] = {}
_CONSTANTS: dict[str, object] = {}
_CONSTANT_NAMES: dict[int, str] = {}
_SCALARS = (str, int, float, bool, type(None))
# `field(metadata=NOT_STORED)`: a dataclass field that is never stored (a live object of the
# process, e.g. a budget to charge); a value read back has the field's default.
NOT_STORED = {"netpath_mock.stored": False}


class CodecError(TypeError):
    """A value the codec cannot store (an unregistered class) or bytes it cannot read."""


def register(cls: type, name: str | None = None) -> type:
    """Let instances of `cls` (a dataclass or a named tuple) be stored; returns `cls`."""
    if not (dataclasses.is_dataclass(cls) or (issubclass(cls, tuple) and hasattr(cls, "_fields"))):
        raise CodecError(f"{cls.__name__} is neither a dataclass nor a named tuple")
    key = name or f"{cls.__module__}.{cls.__qualname__}"
    _TYPES[key] = cls
    _NAMES[cls] = key
    return cls


def register_constant(name: str, value: object) -> None:
    """Let the sentinel `value` be stored; it decodes to the very same object."""
    _CONSTANTS[name] = value
    _CONSTANT_NAMES[id(value)] = name


def _plain_keys(value: dict[Any, Any]) -> bool:
    return all(key.__class__ is str and not key.startswith("\x00") for key in value)


def to_data(value: Any) -> Any:
    """`value` as JSON-ready data (tagged where plain JSON would lose its type)."""
    cls = value.__class__
    if cls in _SCALARS:
        return value
    if cls is list:
        return [to_data(item) for item in value]
    constant = _CONSTANT_NAMES.get(id(value))
    if constant is not None:
        return {TAG: "const", "n": constant}
    if cls is dict:
        if _plain_keys(value):
            return {key: to_data(item) for key, item in value.items()}
        return {TAG: "map", "i": [[to_data(k), to_data(v)] for k, v in value.items()]}
    name = _NAMES.get(cls)
    if name is not None:
        if dataclasses.is_dataclass(value):
            fields = {
                f.name: to_data(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.metadata.get("netpath_mock.stored", True)
            }
            return {TAG: name, "f": fields}
        return {TAG: name, "i": [to_data(item) for item in value]}
    if cls is OrderedDict:
        return {TAG: "odict", "i": [[to_data(k), to_data(v)] for k, v in value.items()]}
    if cls is tuple:
        return {TAG: "tuple", "i": [to_data(item) for item in value]}
    if cls is deque:
        return {TAG: "deque", "m": value.maxlen, "i": [to_data(item) for item in value]}
    if cls is bytes:
        return {TAG: "bytes", "b": base64.b64encode(value).decode("ascii")}
    if cls is datetime:
        return {TAG: "datetime", "v": value.isoformat()}
    if cls in (set, frozenset):
        items = sorted((to_data(item) for item in value), key=orjson.dumps)
        return {TAG: "set" if cls is set else "frozenset", "i": items}
    raise CodecError(f"cannot store a {cls.__module__}.{cls.__qualname__}: register it")


def from_data(data: Any) -> Any:
    """The value `to_data` made `data` from."""
    cls = data.__class__
    if cls is list:
        return [from_data(item) for item in data]
    if cls is not dict:
        return data
    tag = data.get(TAG)
    if tag is None:
        return {key: from_data(item) for key, item in data.items()}
    if tag == "const":
        return _CONSTANTS[data["n"]]
    if tag == "map":
        return {_hashable(from_data(k)): from_data(v) for k, v in data["i"]}
    if tag == "odict":
        return OrderedDict((_hashable(from_data(k)), from_data(v)) for k, v in data["i"])
    if tag == "tuple":
        return tuple(from_data(item) for item in data["i"])
    if tag == "deque":
        return deque((from_data(item) for item in data["i"]), maxlen=data["m"])
    if tag == "bytes":
        return base64.b64decode(data["b"])
    if tag == "datetime":
        return datetime.fromisoformat(data["v"])
    if tag in ("set", "frozenset"):
        items = (_hashable(from_data(item)) for item in data["i"])
        return set(items) if tag == "set" else frozenset(items)
    cls = _TYPES.get(tag)
    if cls is None:
        raise CodecError(f"stored value of unknown type {tag!r}")
    if "f" in data:
        fields = {name: from_data(item) for name, item in data["f"].items()}
        return cls(**fields)
    return cls(*(from_data(item) for item in data["i"]))


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


def encode(value: Any) -> bytes:
    """`value` as JSON bytes (deterministic: the same value always gives the same bytes)."""
    return orjson.dumps(to_data(value))


def decode(raw: bytes) -> Any:
    """The value `encode` made `raw` from (a fresh object every call)."""
    try:
        return from_data(orjson.loads(raw))
    except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
        raise CodecError(f"unreadable stored value: {exc}") from exc
