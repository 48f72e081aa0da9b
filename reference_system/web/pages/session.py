"""The page session: a signed cookie (HMAC-SHA256 with a key derived from the platform's secret).

It holds who is signed in, a CSRF token and a one-off message; it lapses after 8 hours without a request
and 12 hours after sign-in. Nothing is stored server-side, so any worker process can read it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

COOKIE_NAME = "court_session"
IDLE_LIMIT_SECONDS = 8 * 3600
ABSOLUTE_LIMIT_SECONDS = 12 * 3600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class PageSession:
    """One browser's session; `data` is what the cookie carries, `lapsed` says an old one ran out."""

    data: dict[str, Any] = field(default_factory=dict)
    lapsed: bool = False
    cleared: bool = False

    @property
    def signed_in(self) -> bool:
        return "user" in self.data

    @property
    def csrf_token(self) -> str:
        """The token every POST form must echo; made on first use so an anonymous form has one too."""
        if "csrf" not in self.data:
            self.data["csrf"] = secrets.token_urlsafe(32)
            self.data.setdefault("started", int(time.time()))
        return self.data["csrf"]

    def csrf_matches(self, submitted: str | None) -> bool:
        expected = self.data.get("csrf")
        return bool(expected and submitted) and hmac.compare_digest(expected, submitted)

    def sign_in(self, user: dict[str, str]) -> None:
        """A fresh session (new CSRF token) on sign-in, so a token seen before sign-in is worthless."""
        self.data = {"user": user, "csrf": secrets.token_urlsafe(32), "started": int(time.time())}
        self.lapsed = False

    def sign_out(self) -> None:
        self.data = {}
        self.cleared = True

    def flash(self, message: str, success: bool = True) -> None:
        """A message for the next page only (after a redirect): a success, or something to know."""
        self.data["flash"] = {"text": message, "success": success}

    def take_flash(self) -> dict[str, Any] | None:
        return self.data.pop("flash", None)


class SessionCodec:
    """Seal and open session cookies; a forged, malformed or expired cookie opens as an empty session."""

    def __init__(self, secret_key: str):
        self._key = hmac.new(secret_key.encode(), b"court-platform/page-session/v1", hashlib.sha256).digest()

    def seal(self, session: PageSession, now: float | None = None) -> str:
        now = int(now if now is not None else time.time())
        session.data.setdefault("started", now)
        payload = {**session.data, "seen": now}
        body = _b64(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
        return f"{body}.{self._sign(body)}"

    def open(self, cookie: str | None, now: float | None = None) -> PageSession:
        if not cookie:
            return PageSession()
        now = now if now is not None else time.time()
        try:
            body, signature = cookie.split(".")
            if not hmac.compare_digest(signature, self._sign(body)):
                return PageSession()
            data = json.loads(_unb64(body))
            if not isinstance(data, dict):
                return PageSession()
        except (ValueError, UnicodeDecodeError):
            return PageSession()
        seen, started = data.pop("seen", 0), data.get("started", 0)
        if now - seen > IDLE_LIMIT_SECONDS or now - started > ABSOLUTE_LIMIT_SECONDS:
            return PageSession(lapsed="user" in data)
        return PageSession(data)

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())
