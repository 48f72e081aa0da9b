"""Liveness, readiness and Prometheus metrics."""

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from ..deps import PlatformDep

router = APIRouter(tags=["operations"])


@router.get("/health")
def health():
    return {"status": "ok"}


@router.get("/ready", responses={503: {}})
def ready(platform: PlatformDep):
    """Ready when the database answers and the EM provider can be reached."""
    checks = {}
    try:
        with platform.database.reading() as session:
            session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:  # report, do not crash: readiness is a question
        checks["database"] = f"unavailable: {type(error).__name__}"
    try:
        httpx.get(f"{platform.settings.provider_url}/health", timeout=1.0).raise_for_status()
        checks["provider"] = "ok"
    except Exception as error:
        checks["provider"] = f"unreachable: {type(error).__name__}"
    ok = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503)


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(request: Request):
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
