"""Liveness, for whoever starts the provider and waits for it."""

from __future__ import annotations

from fastapi import APIRouter

from reference_system.em_provider.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
async def health() -> Health:
    return Health(status="ok")
