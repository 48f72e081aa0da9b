"""The platform's web pages: server-rendered GOV.UK Frontend / MOJ Frontend, usable without JavaScript.

Thin routes over the same service-layer use cases as the JSON API, so the rules and their errors are the
same in both channels. `install` is the one hook the app calls.
"""

from __future__ import annotations

from fastapi import FastAPI

from .assets import install_assets
from .middleware import PageMiddleware


def install(app: FastAPI, secret_key: str) -> None:
    """Add the page routers, the static files and the page middleware (sessions, security headers)."""
    from . import cases, court_list, em_orders, intake, results, sign_in, work_queue

    # intake first: its /cases/new must win over the case page's /cases/{urn}
    for module in (sign_in, court_list, intake, cases, em_orders, results, work_queue):
        app.include_router(module.router)
    install_assets(app)
    app.add_middleware(PageMiddleware, secret_key=secret_key)
