"""Page-only middleware: opens and re-seals the session cookie, and adds the security headers.

API, health, metrics and test-mode paths pass straight through, so the JSON API behaves exactly as before.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .session import COOKIE_NAME, IDLE_LIMIT_SECONDS, PageSession, SessionCodec

SCOPE_KEY = "court.page"
NOT_PAGES = ("/api", "/__test", "/health", "/ready", "/metrics", "/openapi.json", "/docs", "/redoc")
STATIC_PREFIXES = ("/assets/", "/static/", "/govuk-frontend/", "/moj-frontend/")


def is_page_path(path: str) -> bool:
    return not any(path == prefix or path.startswith(prefix + "/") for prefix in NOT_PAGES)


@dataclass
class PageContext:
    session: PageSession
    nonce: str
    secure: bool


def content_security_policy(nonce: str) -> str:
    # The only inline script is the template's one-line "js-enabled" switch, allowed by its nonce.
    return "; ".join([
        "default-src 'self'", f"script-src 'self' 'nonce-{nonce}'", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors 'none'",
    ])


COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# Stylesheets, scripts, fonts and images change only with a release: a browser need not ask again for a day.
STATIC_HEADERS = {**COMMON_HEADERS, "Cache-Control": "public, max-age=86400"}
PAGE_HEADERS = {
    **COMMON_HEADERS,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",  # pages carry personal data: never keep them in a shared or back cache
}


class PageMiddleware:
    def __init__(self, app: ASGIApp, secret_key: str):
        self.app = app
        self.codec = SessionCodec(secret_key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_page_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(STATIC_PREFIXES):
            await self.app(scope, receive, self._with_headers(send, STATIC_HEADERS))
            return
        cookie = _cookie(scope)
        context = PageContext(session=self.codec.open(cookie), nonce=secrets.token_urlsafe(16),
                              secure=scope.get("scheme") == "https")
        scope[SCOPE_KEY] = context

        async def send_page(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in PAGE_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Content-Security-Policy", content_security_policy(context.nonce))
                set_cookie = self._set_cookie(context, had_cookie=cookie is not None)
                if set_cookie:
                    headers.append("Set-Cookie", set_cookie)
            await send(message)

        await self.app(scope, receive, send_page)

    def _set_cookie(self, context: PageContext, had_cookie: bool) -> str | None:
        flags = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if context.secure else "")
        if context.session.data:
            return f"{COOKIE_NAME}={self.codec.seal(context.session)}; Max-Age={IDLE_LIMIT_SECONDS}{flags}"
        if had_cookie:
            return f"{COOKIE_NAME}=; Max-Age=0{flags}"
        return None

    @staticmethod
    def _with_headers(send: Send, extra: dict[str, str]) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers.setdefault(name, value)
            await send(message)
        return wrapped


def _cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            found = cookie_parser(value.decode("latin-1")).get(COOKIE_NAME)
            if found:
                return found
    return None
