"""Static files for the pages: GOV.UK Frontend and MOJ Frontend from node_modules, and our own few files.

The platform is not a GOV.UK service, so it must not use GOV.UK's typeface (GDS Transport is licensed for
GOV.UK only): the GOV.UK Frontend stylesheet is served with its @font-face rules removed, falling back to
Arial, as services off GOV.UK do.
"""

from __future__ import annotations

import logging
import os
import re
from functools import cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

log = logging.getLogger("reference_system.web.pages")
OWN_STATIC = Path(__file__).resolve().parent.parent / "static"


def node_modules() -> Path | None:
    """`COURT_NODE_MODULES`, else the nearest node_modules above this package or the working directory."""
    configured = os.environ.get("COURT_NODE_MODULES")
    candidates = [Path(configured)] if configured else []
    candidates += [parent / "node_modules" for parent in Path(__file__).resolve().parents]
    candidates.append(Path.cwd() / "node_modules")
    return next((c for c in candidates if (c / "govuk-frontend" / "dist" / "govuk").is_dir()), None)


@cache
def _govuk_css(path: Path) -> bytes:
    css = path.read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("GDS Transport,", "")
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)
    return css.encode()


def install_assets(app: FastAPI) -> None:
    modules = node_modules()
    if modules is None:
        log.warning("node_modules with govuk-frontend not found: pages will render without styles (run setup)")
        app.mount("/static", StaticFiles(directory=OWN_STATIC), name="static")
        return
    govuk = modules / "govuk-frontend" / "dist" / "govuk"
    moj = modules / "@ministryofjustice" / "frontend" / "moj"

    @app.get("/static/govuk-frontend.css", include_in_schema=False)
    def govuk_stylesheet() -> Response:
        return Response(_govuk_css(govuk / "govuk-frontend.min.css"), media_type="text/css",
                        headers={"Cache-Control": "public, max-age=3600"})

    app.mount("/static", StaticFiles(directory=OWN_STATIC), name="static")
    app.mount("/assets", StaticFiles(directory=govuk / "assets"), name="assets")
    app.mount("/govuk-frontend", StaticFiles(directory=govuk), name="govuk-frontend")
    app.mount("/moj-frontend", StaticFiles(directory=moj), name="moj-frontend")
