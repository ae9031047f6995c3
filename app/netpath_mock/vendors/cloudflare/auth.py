"""Cloudflare authentication exactly as the real API answers (cloudflare-contract-notes §3).

Bearer token, or X-Auth-Email + X-Auth-Key, or X-Auth-User-Service-Key. Malformed headers are
400 6003 with one error_chain entry per bad header; none at all is 400 9106; an unknown token is
403 9109; an unknown key/email pair is 403 9103; a credential without a DEX permission (or without
the account) is 403 10000. Without a credentials file every well-formed credential is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netpath_mock.core.credentials import DEX_READ_PERMISSIONS, CredentialsFile, fingerprint
from netpath_mock.core.errors import BadRequest, Forbidden

# Every pattern here runs in linear time on any input (no nested or overlapping quantifiers
# that could backtrack): header values are client input and reach these before any bound.
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


MISSING = (9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers")
INVALID_HEADERS = (6003, "Invalid request headers")
BAD_AUTHORIZATION = (6111, "Invalid format for Authorization header")
BAD_KEY = (6103, "Invalid format for X-Auth-Key header")
BAD_EMAIL = (6102, "Invalid format for X-Auth-Email header")
UNKNOWN_TOKEN = (9109, "Invalid access token")
UNKNOWN_KEY = (9103, "Unknown X-Auth-Key or X-Auth-Email")
NO_PERMISSION = (10000, "Authentication error")


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated Cloudflare caller: its limiter bucket and what it may reach."""

    bucket_key: str
    permissions: frozenset[str]
    accounts: frozenset[str]

    def may_read(self, account_id: str) -> bool:
        """Whether the caller holds a DEX read permission on `account_id`."""
        if not self.permissions & DEX_READ_PERMISSIONS:
            return False
        return "*" in self.accounts or account_id.lower() in self.accounts


_ANY = frozenset({"*"})
_MEMO_SIZE = 4096
# Credentials longer than this are resolved on every request instead of being remembered: the
# memo then holds at most _MEMO_SIZE x 4 x _MEMO_MAX_VALUE characters (16 MiB), whatever is sent.
_MEMO_MAX_VALUE = 1024


class CloudflareAuthenticator:
    """Resolves request headers to a Caller, or raises the vendor's auth error."""

    def __init__(self, credentials: CredentialsFile | None) -> None:
        # Strict only when the credentials file has a Cloudflare section.
        section = credentials.cloudflare if credentials is not None else None
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
        if authorization is not None and not _BEARER.match(authorization):
            chain.append(BAD_AUTHORIZATION)
        if key is not None and not _API_KEY.match(key):
            chain.append(BAD_KEY)
        if email is not None and not valid_email(email):
            chain.append(BAD_EMAIL)
        if chain:
            raise BadRequest(INVALID_HEADERS[1], code=INVALID_HEADERS[0], chain=tuple(chain))
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
            return Caller(fingerprint("service", service_key), DEX_READ_PERMISSIONS, _ANY)
        if service_key:
            # Origin CA service keys only reach certificate endpoints, never DEX.
            raise Forbidden(NO_PERMISSION[1], code=NO_PERMISSION[0])
        raise BadRequest(MISSING[1], code=MISSING[0])

    def _by_token(self, token: str) -> Caller:
        if not self.strict:
            return Caller(fingerprint("token", token), DEX_READ_PERMISSIONS, _ANY)
        caller = self._tokens.get(fingerprint(token))
        if caller is None:
            raise Forbidden(UNKNOWN_TOKEN[1], code=UNKNOWN_TOKEN[0])
        return caller

    def _by_key(self, email: str, key: str) -> Caller:
        pair = (email.lower(), key)
        if not self.strict:
            return Caller(fingerprint("key", *pair), DEX_READ_PERMISSIONS, _ANY)
        caller = self._keys.get(fingerprint(*pair))
        if caller is None:
            raise Forbidden(UNKNOWN_KEY[1], code=UNKNOWN_KEY[0])
        return caller


def require_dex_read(caller: Caller, account_id: str) -> None:
    """403 10000 unless the caller may read DEX data of `account_id`."""
    if not caller.may_read(account_id):
        raise Forbidden(NO_PERMISSION[1], code=NO_PERMISSION[0])
