"""What every page route shares: who is signed in, the CSRF check, and refusals rendered as pages.

Page routers use `PageRoute`, so the service layer's errors (not found, not allowed) become GOV.UK-styled
pages instead of the API's problem+json, while the use cases and their rules stay exactly the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from starlette.datastructures import FormData

from ...domain.model import Role
from ...service_layer.access import Principal
from ...service_layer.errors import Forbidden, NotFound
from .rendering import page_context, render

log = logging.getLogger("reference_system.web.pages")
CSRF_FIELD = "csrf_token"


class SignInRequired(Exception):
    pass


class CsrfRefused(Exception):
    pass


class PageRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequired:
                session = page_context(request).session
                if session.lapsed:
                    session.flash("You were signed out because the service was not used for 8 hours. Sign in again.",
                                  success=False)
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/sign-in?next={quote(target, safe='')}", status_code=303)
            except CsrfRefused:
                return render(request, "refused.html", {"reason": "csrf"}, status_code=403)
            except Forbidden as error:
                return render(request, "refused.html", {"reason": "role", "detail": str(error)}, status_code=403)
            except (NotFound, RequestValidationError):
                return render(request, "not_found.html", status_code=404)
            except Exception:
                log.exception("unexpected error on a page")
                return render(request, "problem.html", status_code=500)

        return page_handler


def page_router() -> APIRouter:
    """A router for pages: HTML errors, and kept out of /openapi.json (Schemathesis reads only the API)."""
    return APIRouter(route_class=PageRoute, include_in_schema=False)


def signed_in_user(request: Request) -> Principal:
    user = page_context(request).session.data.get("user")
    if not user:
        raise SignInRequired()
    return Principal(username=user["username"], role=Role(user["role"]), court_centre=user["court_centre"])


async def checked_form(request: Request) -> FormData:
    """The submitted form, once its CSRF token matches this session's; otherwise a 403 page."""
    form = await request.form()
    token = form.get(CSRF_FIELD)
    if not isinstance(token, str) or not page_context(request).session.csrf_matches(token):
        raise CsrfRefused()
    return form


PageUser = Annotated[Principal, Depends(signed_in_user)]
CheckedForm = Annotated[FormData, Depends(checked_form)]


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
