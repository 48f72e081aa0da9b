"""Builds the stand-in provider's FastAPI app around one ledger file and one fault injector."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from reference_system.em_provider import problems
from reference_system.em_provider.faults import FaultInjector
from reference_system.em_provider.ledger import Ledger
from reference_system.em_provider.routes import agencies, control, health, orders


def create_app(database_path: str, test_mode: bool) -> FastAPI:
    """The provider; the control API exists only when `test_mode` is true (404 otherwise).

    `app.state.shutting_down` says whether the server is stopping; a runner that knows replaces it.
    """
    ledger = Ledger(database_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            ledger.close()

    app = FastAPI(
        title="Stand-in EM provider",
        summary="Receives EM orders and agency notifications, once per Idempotency-Key, into a ledger.",
        version="1",
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.faults = FaultInjector()
    app.state.test_mode = test_mode
    app.state.shutting_down = lambda: False
    problems.install(app)
    app.include_router(health.router)
    app.include_router(orders.router)
    app.include_router(agencies.router)
    if test_mode:
        app.include_router(control.router)
    return app
