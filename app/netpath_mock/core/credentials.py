"""Strict-mode credentials: the documented JSON file that lists who may authenticate.

Without a file every well-formed credential is accepted (so vendor doc examples work untouched).
With one, each vendor that has a section in it becomes strict: only the credentials its section
lists authenticate; a vendor without a section stays in default mode. Each vendor declares its
section's model (VendorSpec.credentials_model, in vendors/<v>/credentials.py); this module reads
the file. Permission names and account ids are checked at start-up (`permission_name`): a typo
must not turn into a puzzling 403 at run time.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, model_validator

M = TypeVar("M", bound=BaseModel)

# Bounds on the configuration files read at start-up (a FIFO or a huge file must not hang or
# swamp the server): the credentials file, and each fixture file.
MAX_CREDENTIALS_BYTES = 1 << 20
MAX_FIXTURE_BYTES = 8 << 20


class StrictModel(BaseModel):
    """Base of the credentials file's models: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Credentials:
    """The credentials file: one validated section per vendor that has one (and is strict)."""

    def __init__(self, sections: Mapping[str, BaseModel]) -> None:
        self.sections = dict(sections)

    def section(self, name: str, model: type[M]) -> M | None:
        """Vendor `name`'s part of the file, as its model; None when the file has none."""
        value = self.sections.get(name)
        if value is None:
            return None
        if not isinstance(value, model):
            raise TypeError(f"credentials section {name!r} is not a {model.__name__}")
        return value

    @property
    def strict_vendors(self) -> tuple[str, ...]:
        """The vendors with a section: only the credentials it lists authenticate."""
        return tuple(sorted(self.sections))


class ConfigError(Exception):
    """A settings, credentials or fixture file is invalid; the message names the file and field."""


def fingerprint(*parts: str) -> str:
    """A short one-way digest of a credential: used as a bucket key, never the secret itself."""
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=12).hexdigest()


def validation_message(source: str, error: ValidationError) -> str:
    """'<file>: <field.path>: <problem>' lines for every problem pydantic found."""
    lines = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem["loc"]) or "(root)"
        message = str(problem["msg"]).removeprefix("Value error, ")
        lines.append(f"{source}: {where}: {message}")
    return "\n".join(lines)


def permission_name(value: str, known: frozenset[str], shape: re.Pattern[str], style: str) -> str:
    """`value` if it is a known permission or reads like one of the vendor's; else ValueError.

    A name close to a known one (a typo, or another case) is refused with a suggestion: in strict
    mode it would silently grant nothing.
    """
    if value in known:
        return value
    folded = {name.casefold(): name for name in known}.get(value.casefold())
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.8)
    suggestion = folded or (close[0] if close else None)
    if suggestion is not None:
        raise ValueError(f"unknown permission {value!r}; did you mean {suggestion!r}?")
    if not shape.fullmatch(value):
        raise ValueError(f"unknown permission {value!r}: not a {style} permission name")
    return value


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or ConfigError naming the file.

    Opened without blocking and checked on the open descriptor: a FIFO (which would block the
    start-up forever), a device or a directory is refused, and so is a file over `limit`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(info.st_mode)
                else "a directory"
                if stat.S_ISDIR(info.st_mode)
                else "a device or socket"
            )
            raise ConfigError(f"{path}: is {kind}, not a regular file")
        if info.st_size > limit:
            raise ConfigError(
                f"{path}: {info.st_size} bytes, larger than the {limit} bytes allowed"
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ConfigError(f"{path}: larger than the {limit} bytes allowed")
    return data


def read_json_file(path: Path, limit: int = MAX_FIXTURE_BYTES) -> Any:
    """The parsed JSON of a configuration file, or ConfigError naming the file."""
    data = read_limited(path, limit)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid JSON: {exc}") from exc


class _SomeSection(StrictModel):
    @model_validator(mode="after")
    def _some_vendor(self) -> _SomeSection:
        if not any(getattr(self, name) is not None for name in type(self).model_fields):
            names = " and/or ".join(repr(name) for name in type(self).model_fields)
            raise ValueError(f"no vendor section: give {names} (only those become strict)")
        return self


def load_credentials(path: Path, sections: Mapping[str, type[BaseModel]]) -> Credentials:
    """Read and validate the credentials file, raising ConfigError naming the file and field.

    `sections` are the vendors' models (VendorSpec.credentials_model), one top-level key each;
    only the vendors whose key is present become strict, and at least one must be.
    """
    fields: dict[str, Any] = {
        name: (model | None, Field(default=None)) for name, model in sections.items()
    }
    document = create_model("CredentialsFile", __base__=_SomeSection, **fields)
    raw = read_json_file(path, MAX_CREDENTIALS_BYTES)
    try:
        parsed = document.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(validation_message(str(path), exc)) from exc
    present = {name: getattr(parsed, name) for name in sections}
    return Credentials({name: value for name, value in present.items() if value is not None})
