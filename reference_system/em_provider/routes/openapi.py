"""OpenAPI for the intake routes, which read their own body so that faults act before it is parsed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from reference_system.em_provider.schemas import Problem


def json_body(schema: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` declaring a required JSON request body of `schema`."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses` entries for problem documents with the given statuses."""
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}, "description": "A problem"}
        for status in statuses
    }
