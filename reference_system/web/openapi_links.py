"""OpenAPI links between the contract's operations: how a client follows a case through its lifecycle
(create a case, list a hearing, draft a result, share, read the EM orders it caused), so that generic
clients and stateful testers (Schemathesis) can chain real identifiers and versions from one answer into
the next request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI

CASE = ("get", "/api/v1/cases/{urn}")
LIST_HEARING = ("post", "/api/v1/cases/{urn}/hearings")
HEARING = ("get", "/api/v1/hearings/{hearing_id}")
DRAFT = ("put", "/api/v1/hearings/{hearing_id}/results/{defendant_id}")
SHARE = ("post", "/api/v1/hearings/{hearing_id}/share")
ORDER = ("get", "/api/v1/em-orders/{order_id}")
RESEND = ("post", "/api/v1/em-orders/{order_id}/resend")

_URN = {"urn": "$response.body#/urn"}
_HEARING = {"hearing_id": "$response.body#/id"}
_FIRST_DEFENDANT = {**_HEARING, "defendant_id": "$response.body#/defendants/0/id"}
_VERSION = {"version": "$response.body#/version"}


@dataclass(frozen=True)
class Link:
    source: tuple[str, str]
    status: str
    name: str
    target: tuple[str, str]
    parameters: dict[str, str]
    description: str
    body: dict[str, str] = field(default_factory=dict)


LINKS = (
    Link(("post", "/api/v1/cases"), "201", "ReadCase", CASE, _URN, "Read the case just created"),
    Link(("post", "/api/v1/cases"), "201", "ListHearing", LIST_HEARING, _URN, "List a hearing of the new case"),
    Link(CASE, "200", "ListHearing", LIST_HEARING, _URN, "List a hearing of this case"),
    Link(LIST_HEARING, "201", "ReadHearing", HEARING, _HEARING, "Read the hearing just listed"),
    Link(LIST_HEARING, "201", "DraftResult", DRAFT, _FIRST_DEFENDANT, "Draft the first defendant's result",
         _VERSION),
    Link(HEARING, "200", "DraftResult", DRAFT, _FIRST_DEFENDANT, "Draft (or amend) the first defendant's result",
         _VERSION),
    Link(HEARING, "200", "ShareResults", SHARE, _HEARING, "Share the drafted results", _VERSION),
    Link(DRAFT, "200", "ShareResults", SHARE, _HEARING, "Share the result just drafted", _VERSION),
    Link(DRAFT, "200", "ReadHearing", HEARING, _HEARING, "Read the hearing with the draft"),
    Link(SHARE, "200", "ReadHearing", HEARING, _HEARING, "Read the shared hearing"),
    Link(SHARE, "200", "AmendResult", DRAFT, _FIRST_DEFENDANT, "Amend the first defendant's shared result",
         _VERSION),
    Link(SHARE, "200", "ReadEmOrder", ORDER, {"order_id": "$response.body#/em_orders/0/id"},
         "Read the first EM order the share created"),
    Link(ORDER, "200", "ResendEmOrder", RESEND, {"order_id": "$response.body#/id"}, "Re-send a rejected EM order"),
)


def add_links(schema: dict[str, Any]) -> dict[str, Any]:
    """Add `LINKS` to a generated OpenAPI document (idempotent); a link whose operations are absent is skipped."""
    paths = schema.get("paths", {})
    operation_ids = {
        (method, path): operation["operationId"]
        for path, item in paths.items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for link in LINKS:
        method, path = link.source
        response = paths.get(path, {}).get(method, {}).get("responses", {}).get(link.status)
        target = operation_ids.get(link.target)
        if response is None or target is None:
            continue
        definition: dict[str, Any] = {"operationId": target, "parameters": dict(link.parameters),
                                      "description": link.description}
        if link.body:
            definition["requestBody"] = dict(link.body)
        response.setdefault("links", {})[link.name] = definition
    return schema


def install(app: FastAPI) -> None:
    """Serve the app's OpenAPI document with the links added."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        return add_links(generate())

    app.openapi = openapi  # type: ignore[method-assign]
