"""RFC 9457 problem details: every error is `application/problem+json` with a list of field errors."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..domain.errors import NothingToShare, StaleVersion, ValidationFailed
from ..service_layer.errors import BadCredentials, DuplicateReference, Forbidden, NotFound, TooManyAttempts
from .deps import Unauthenticated

log = logging.getLogger("reference_system.web")
PROBLEM_JSON = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, errors: list[dict[str, str]] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail or title,
                            "errors": errors or []}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_path(location: tuple[Any, ...], error_type: str | None = None) -> str:
    if error_type == "json_invalid":
        return "body"
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def _readable(error: dict[str, Any]) -> str:
    if error.get("type") == "extra_forbidden":
        return "Unknown field"
    if error.get("type") == "json_invalid":
        return "The request body is not valid JSON"
    return error.get("msg", "Invalid value")


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "required": ["type", "title", "status", "detail", "errors"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """Describe every 4xx answer in the OpenAPI document as what the handlers below send (problem+json),
    including the 400 for a body that cannot be parsed at all (not UTF-8)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                responses.setdefault("400", {"description": "The body could not be parsed"})
            for status, response in responses.items():
                if status.startswith("4"):
                    response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return schema


def install(app: FastAPI) -> None:
    generate_openapi = app.openapi
    app.openapi = lambda: document(generate_openapi())  # type: ignore[method-assign]

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_request: Request, exc: RequestValidationError):
        errors = [{"field": _field_path(tuple(e.get("loc", ())), e.get("type")), "message": _readable(e)} for e in exc.errors()]
        return problem(422, "The request has errors", "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors)

    @app.exception_handler(ValidationFailed)
    async def _rules_broken(_request: Request, exc: ValidationFailed):
        errors = [{"field": e.field, "message": e.message} for e in exc.errors]
        return problem(422, "The request breaks the court's rules", str(exc), errors)

    @app.exception_handler(StaleVersion)
    async def _stale(_request: Request, exc: StaleVersion):
        return problem(409, "Changed by someone else", str(exc), [{"field": "version", "message": str(exc)}])

    @app.exception_handler(NothingToShare)
    async def _nothing(_request: Request, exc: NothingToShare):
        return problem(422, "Nothing to share", str(exc), [{"field": "results", "message": str(exc)}])

    @app.exception_handler(DuplicateReference)
    async def _duplicate(_request: Request, exc: DuplicateReference):
        return problem(409, "Already exists", str(exc), [{"field": "urn", "message": str(exc)}])

    @app.exception_handler(NotFound)
    async def _not_found(_request: Request, exc: NotFound):
        return problem(404, "Not found", str(exc))

    @app.exception_handler(Forbidden)
    async def _forbidden(_request: Request, exc: Forbidden):
        return problem(403, "Not allowed", str(exc))

    @app.exception_handler(BadCredentials)
    async def _bad_credentials(_request: Request, _exc: BadCredentials):
        return problem(401, "Sign-in failed", "The username or password is not right",
                       headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(Unauthenticated)
    async def _unauthenticated(_request: Request, exc: Unauthenticated):
        return problem(401, "Not signed in", str(exc), headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(TooManyAttempts)
    async def _throttled(_request: Request, exc: TooManyAttempts):
        return problem(429, "Too many attempts", str(exc), headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException):
        return problem(exc.status_code, str(exc.detail), str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(OperationalError)
    async def _database_busy(_request: Request, exc: OperationalError):
        # Contention that outlasted the busy timeout: tell the client to retry, never a bare 500.
        log.warning("database busy: %s", type(exc.orig).__name__)
        return problem(503, "Busy", "The service is busy; try again in a moment", headers={"Retry-After": "1"})

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception):
        log.exception("unexpected error")
        return problem(500, "Something went wrong", "An unexpected error occurred; it has been logged")
