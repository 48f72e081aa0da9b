"""The ASGI application: the JSON API of contract v1, health, metrics and (in test mode) controls."""

from __future__ import annotations

from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from ..platform import Platform, start_platform
from ..settings import Settings
from . import openapi_links, pages, problems
from .metrics import LatencyMiddleware, Metrics
from .routes import auth, cases, health, hearings, orders, testmode

API_DESCRIPTION = """A reference court case platform: cases, hearings, results, and the electronic monitoring
orders and agency notifications they cause. Errors are `application/problem+json` with field errors."""


def create_app(settings: Settings, platform: Platform | None = None) -> FastAPI:
    """Build the app; the platform (database, dispatcher) starts with the app's lifespan unless given."""
    if settings.faults:  # test mode only (settings refuse faults otherwise): a deliberately broken build
        from ..faults import activate

        activate(settings.faults)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.platform = platform or start_platform(settings)
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
        try:
            yield
        finally:
            app.state.platform.stop()

    app = FastAPI(title="Court case platform (reference)", version="1", description=API_DESCRIPTION, lifespan=lifespan)
    app.state.platform = platform
    app.state.metrics = Metrics(lambda: getattr(app.state, "platform", None))
    app.add_middleware(LatencyMiddleware, metrics=app.state.metrics)
    problems.install(app)
    for module in (auth, cases, hearings, orders, health):
        app.include_router(module.router)
    if settings.test_mode:
        app.include_router(testmode.router)
    pages.install(app, settings.secret_key)
    openapi_links.install(app)
    return app
