"""Errors as `application/problem+json`, so that no input, however malformed, earns a 500."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

MEDIA_TYPE = "application/problem+json"


class ProblemResponse(JSONResponse):
    media_type = MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        # ASCII escapes: an error message that echoes odd input (a lone surrogate) still encodes
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


class ProblemError(Exception):
    """Raised anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: Sequence[tuple[str, str]] = (),
        title: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers


def problem(
    status: int,
    detail: str,
    errors: Sequence[tuple[str, str]] = (),
    title: str | None = None,
    headers: dict[str, str] | None = None,
) -> ProblemResponse:
    """A problem response; `errors` are (field, message) pairs."""
    return ProblemResponse(
        {
            "type": "about:blank",
            "title": title or HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            "errors": [{"field": field, "message": message} for field, message in errors],
        },
        status_code=status,
        headers=headers,
    )


def field_errors(errors: Iterable[dict[str, Any]], drop: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Pydantic errors as (dotted field path, message), e.g. `device_wearer` or `curfew.start`."""
    pairs = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in drop]
        pairs.append((".".join(location) or "body", str(error.get("msg", "is invalid"))))
    return pairs


def install(app: FastAPI) -> None:
    """Answer every error the app or the framework raises with a problem document."""

    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> ProblemResponse:
        return problem(exc.status, exc.detail, exc.errors, exc.title, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> ProblemResponse:
        # "body", "query" and so on say where the field is, not what it is called
        errors = field_errors(exc.errors(), drop=("body", "query", "path", "header"))
        return problem(422, "The request is not valid.", errors)

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> ProblemResponse:
        return problem(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> ProblemResponse:
        return problem(500, "The provider failed unexpectedly.")
