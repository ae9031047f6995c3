"""Cloudflare authentication exactly as the real API answers (cloudflare-contract-notes §3).

Bearer token, or X-Auth-Email + X-Auth-Key, or X-Auth-User-Service-Key. Malformed headers are
400 6003 with one error_chain entry per bad header; none at all is 400 9106; an unknown token is
403 9109; an unknown key/email pair is 403 9103; a credential without a DEX permission (or without
the account) is 403 10000. Without a credentials file every well-formed credential is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Security
from fastapi.security import APIKeyHeader, HTTPBearer

from netpath_mock.core.credentials import Credentials, fingerprint
from netpath_mock.core.errors import BadRequest
from netpath_mock.core.routing import caller_dependency
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.credentials import DEX_READ_PERMISSIONS, CloudflareCredentials

# Every check here runs in linear time on any input (no nested or overlapping quantifiers that
# could backtrack): header values are client input and reach these before any other bound.
# RFC 6750 b64token; Cloudflare tokens are 40 url-safe characters, newer ones start with cfat_
# (notes §6.10: do not reject on length).
_BEARER = re.compile(r"^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9\-._~+/]+=*)$")
# Global API keys are 37 lowercase hex characters; the SDK tests use a 32-hex one; newer keys
# start with cfk_. An API token pasted into X-Auth-Key (mixed case) is the classic 6103 case.
_API_KEY = re.compile(r"^(?:[0-9a-fA-F]{32,64}|cfk_[A-Za-z0-9_\-]{8,})$")
_EMAIL_PART = re.compile(r"[^@\s]+")


def valid_email(value: str) -> bool:
    """`local@domain` with a dot inside the domain, no blanks and one @: in linear time.

    The same strings as the former pattern (non-blank, non-@ runs around an @ and a dot), whose
    overlapping quantifiers took quadratic time on a long run of dots (40 KB: 13 s).
    """
    if value.endswith("\n"):  # the pattern's `$` also matched before a final newline
        value = value[:-1]
    local, at, domain = value.partition("@")
    return bool(
        at
        and _EMAIL_PART.fullmatch(local)
        and _EMAIL_PART.fullmatch(domain)
        and "." in domain[1:-1]
    )


# The answers, from the error catalogue (errors.py).
MISSING = errors.MISSING_CREDENTIALS
INVALID_HEADERS = errors.INVALID_HEADERS
BAD_AUTHORIZATION = errors.BAD_AUTHORIZATION
BAD_KEY = errors.BAD_KEY
BAD_EMAIL = errors.BAD_EMAIL
UNKNOWN_TOKEN = errors.UNKNOWN_TOKEN
UNKNOWN_KEY = errors.UNKNOWN_KEY
NO_PERMISSION = errors.NO_PERMISSION


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated Cloudflare caller: its limiter bucket and what it may reach."""

    bucket_key: str
    permissions: frozenset[str]
    accounts: frozenset[str]

    @property
    def sees_pii(self) -> bool:
        """Whether the caller holds the Zero Trust PII role: IP fields are shown, not REDACTED."""
        return bool(self.permissions & PII_PERMISSIONS)

    def may_read(self, account_id: str) -> bool:
        """Whether the caller holds a DEX read permission on `account_id`."""
        if not self.permissions & DEX_READ_PERMISSIONS:
            return False
        return "*" in self.accounts or account_id.lower() in self.accounts


_ANY = frozenset({"*"})
# Without the Zero Trust PII role, ISP and device IP fields read "REDACTED" (SDK docstrings on
# `isps`; DOC ip-visibility; universe doc §2). The dashboard role and the token permission group.
PII_PERMISSIONS = frozenset({"Zero Trust PII", "Zero Trust: PII Read"})
# Without a credentials file every caller is an administrator: it reads DEX data and sees PII.
_LENIENT = DEX_READ_PERMISSIONS | PII_PERMISSIONS
_MEMO_SIZE = 4096
# Credentials longer than this are resolved on every request instead of being remembered: the
# memo then holds at most _MEMO_SIZE x 4 x _MEMO_MAX_VALUE characters (16 MiB), whatever is sent.
_MEMO_MAX_VALUE = 1024


class CloudflareAuthenticator:
    """Resolves request headers to a Caller, or raises the vendor's auth error."""

    def __init__(self, credentials: Credentials | None) -> None:
        # Strict only when the credentials file has a Cloudflare section.
        section = credentials.section("cloudflare", CloudflareCredentials) if credentials else None
        self.strict = section is not None
        self._memo: dict[tuple[str | None, ...], Caller] = {}
        self._tokens: dict[str, Caller] = {}
        self._keys: dict[str, Caller] = {}
        if section is not None:
            for token in section.tokens:
                secret = token.token.get_secret_value()
                self._tokens[fingerprint(secret)] = Caller(
                    fingerprint("token", secret),
                    frozenset(token.permissions),
                    frozenset(a.lower() for a in token.accounts),
                )
            for key in section.keys:
                pair = (key.email.lower(), key.key.get_secret_value())
                self._keys[fingerprint(*pair)] = Caller(
                    fingerprint("key", *pair),
                    frozenset(key.permissions),
                    frozenset(a.lower() for a in key.accounts),
                )

    def authenticate(self, headers: dict[str, str]) -> Caller:
        """The caller named by the headers; BadRequest/Forbidden exactly as Cloudflare answers."""
        get = headers.get
        memo_key = (
            get("authorization"),
            get("x-auth-key"),
            get("x-auth-email"),
            get("x-auth-user-service-key"),
        )
        caller = self._memo.get(memo_key)
        if caller is None:
            caller = self._resolve(headers)
            # A pure function of the headers: remember successes (bounded in count and size), as
            # a client sends the same credentials on every request; failures are re-derived.
            if all(v is None or len(v) <= _MEMO_MAX_VALUE for v in memo_key):
                if len(self._memo) >= _MEMO_SIZE:
                    self._memo.clear()
                self._memo[memo_key] = caller
        return caller

    def _resolve(self, headers: dict[str, str]) -> Caller:
        authorization = headers.get("authorization")
        key = headers.get("x-auth-key")
        email = headers.get("x-auth-email")
        chain: list[tuple[int, str]] = []
        for value, check, entry in (
            (authorization, _BEARER.match, BAD_AUTHORIZATION),
            (key, _API_KEY.match, BAD_KEY),
            (email, valid_email, BAD_EMAIL),
        ):
            if value is not None and not check(value):
                assert entry.code is not None
                chain.append((entry.code, entry.message))
        if chain:
            raise BadRequest(INVALID_HEADERS.message, code=INVALID_HEADERS.code, chain=tuple(chain))
        # The official SDK sends only the key pair when both schemes are configured (notes §4),
        # so a complete key pair takes precedence over a bearer token.
        if key is not None and email is not None:
            return self._by_key(email, key)
        if authorization is not None:
            match = _BEARER.match(authorization)
            assert match is not None  # checked above
            return self._by_token(match.group(1))
        service_key = headers.get("x-auth-user-service-key")
        if service_key and not self.strict:
            return Caller(fingerprint("service", service_key), _LENIENT, _ANY)
        if service_key:
            # Origin CA service keys only reach certificate endpoints, never DEX.
            raise NO_PERMISSION.error()
        raise MISSING.error()

    def _by_token(self, token: str) -> Caller:
        if not self.strict:
            return Caller(fingerprint("token", token), _LENIENT, _ANY)
        caller = self._tokens.get(fingerprint(token))
        if caller is None:
            raise UNKNOWN_TOKEN.error()
        return caller

    def _by_key(self, email: str, key: str) -> Caller:
        pair = (email.lower(), key)
        if not self.strict:
            return Caller(fingerprint("key", *pair), _LENIENT, _ANY)
        caller = self._keys.get(fingerprint(*pair))
        if caller is None:
            raise UNKNOWN_KEY.error()
        return caller


def require_dex_read(caller: Caller, account_id: str) -> None:
    """403 10000 unless the caller may read DEX data of `account_id`."""
    if not caller.may_read(account_id):
        raise NO_PERMISSION.error()


# Writes (POST/PUT/PATCH/DELETE of tests and rules, POST commands) need this one permission
# group (x-api-token-group of the write operations: cloudflare-dex-universe §2, Permissions).
DEX_WRITE_PERMISSION = "Cloudflare DEX Write"


def require_dex_write(caller: Caller, account_id: str) -> None:
    """403 10000 unless the caller may change DEX configuration of `account_id`."""
    if DEX_WRITE_PERMISSION not in caller.permissions or not caller.may_read(account_id):
        raise NO_PERMISSION.error()


# What OpenAPI shows of the credentials (the authenticator above decides; none auto-errors).
_authenticated = caller_dependency(
    HTTPBearer(auto_error=False, scheme_name="api_token", description="API token"),
    APIKeyHeader(name="X-Auth-Email", auto_error=False, scheme_name="api_email"),
    APIKeyHeader(name="X-Auth-Key", auto_error=False, scheme_name="api_key"),
    APIKeyHeader(name="X-Auth-User-Service-Key", auto_error=False, scheme_name="user_service_key"),
    requirements=[["api_email", "api_key"], ["api_token"], ["user_service_key"]],
)
CloudflareAuth = Annotated[Caller, Security(_authenticated)]
