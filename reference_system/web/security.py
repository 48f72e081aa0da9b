"""Sign-in: argon2 password hashes, signed bearer tokens, and a throttle on failed attempts."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import os
import threading
import time
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor

from pwdlib import PasswordHash

from ..domain.model import Role
from ..service_layer.access import Principal

password_hash = PasswordHash.recommended()
_timing_hash: str | None = None


def verify_password(password: str, stored_hash: str | None) -> bool:
    """Check a password; with no such user, still verify (against a throwaway hash) so timing is equal."""
    global _timing_hash
    if stored_hash is None:
        _timing_hash = _timing_hash or password_hash.hash("no-such-user-timing-equaliser")
        password_hash.verify(password, _timing_hash)
        return False
    try:
        return password_hash.verify(password, stored_hash)
    except Exception:  # a corrupt stored hash fails closed
        return False


# argon2id is meant to be slow (about 0.2 s of CPU, on every core its lanes can use). Checks run one or two at
# a time on their own threads, so a burst of sign-ins queues for the hasher instead of taking every request
# thread and CPU slice from the people already signed in.
HASHING_THREADS = max(1, (os.cpu_count() or 2) // 2)
# The hashing threads, and the lane threads argon2 starts from them (Linux threads inherit their creator's
# nice value), yield the CPU to request handling: a sign-in burst slows sign-ins, not everyone else.
HASHING_NICENESS = 10


def _lower_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


_hashing = ThreadPoolExecutor(max_workers=HASHING_THREADS, thread_name_prefix="argon2", initializer=_lower_priority)


async def verify_password_queued(password: str, stored_hash: str | None) -> bool:
    """`verify_password` on the hashing threads, awaited without holding a request thread."""
    return await asyncio.get_running_loop().run_in_executor(_hashing, verify_password, password, stored_hash)


class TokenError(Exception):
    pass


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue_token(user: Principal, secret: str, ttl_seconds: int) -> str:
    """A stateless signed token (HMAC-SHA256), so every worker process can check it without a lookup."""
    claims = {"sub": user.username, "role": user.role.value, "centre": user.court_centre, "exp": int(time.time()) + ttl_seconds}
    body = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = _b64(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())
    return f"{body}.{signature}"


def read_token(token: str, secret: str) -> Principal:
    try:
        body, signature = token.split(".")
        expected = _b64(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(signature, expected):
            raise TokenError("bad signature")
        claims = json.loads(_unb64(body))
        if claims["exp"] < time.time():
            raise TokenError("expired")
        return Principal(username=claims["sub"], role=Role(claims["role"]), court_centre=claims["centre"])
    except TokenError:
        raise
    except Exception as error:  # any malformed token is simply not a valid one
        raise TokenError("malformed") from error


class SignInThrottle:
    """At most `attempts` failures per username in `window` seconds; then refuse until the window passes."""

    def __init__(self, attempts: int, window_seconds: int):
        self._attempts, self._window = attempts, window_seconds
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def retry_after(self, username: str) -> int:
        with self._lock:
            failures = self._recent(username)
            if len(failures) < self._attempts:
                return 0
            return max(1, int(failures[0] + self._window - time.monotonic()))

    def failed(self, username: str) -> None:
        with self._lock:
            self._recent(username).append(time.monotonic())

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)

    def _recent(self, username: str) -> deque[float]:
        failures = self._failures[username]
        while failures and failures[0] < time.monotonic() - self._window:
            failures.popleft()
        return failures
