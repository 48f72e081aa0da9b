"""Signing in and out of the pages: the same credential check and throttle as the API's token endpoint."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ...adapters.orm import CourtCentreRow
from ...platform import Platform
from ...service_layer.auth import Account, check_password, find_account
from ...service_layer.errors import BadCredentials
from ...service_layer.unit_of_work import UnitOfWork
from ..deps import PlatformDep
from ..security import verify_password_queued
from .rendering import page_context, render
from .routing import CheckedForm, page_router, see_other

router = page_router()
HOME = "/court-list"


def safe_next(target: str | None) -> str:
    """Only a path on this site: an open redirect would let a phishing link borrow the sign-in page."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return HOME


@router.get("/")
def home(request: Request):
    return see_other(HOME if page_context(request).session.signed_in else "/sign-in")


@router.get("/sign-in")
def sign_in_page(request: Request, next: str | None = None):
    if page_context(request).session.signed_in:
        return see_other(safe_next(next))
    return render(request, "sign_in.html", {"values": {}, "errors": {}, "next": safe_next(next)})


@router.post("/sign-in")
async def sign_in(request: Request, form: CheckedForm, platform: PlatformDep):
    """The API's sign-in steps: throttle, read the account, verify on the hashing threads, then the session."""
    username = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    target = safe_next(str(form.get("next") or ""))
    errors: dict[str, str] = {}
    if not username:
        errors["username"] = "Enter your username"
    if not password:
        errors["password"] = "Enter your password"
    status = 400
    if not errors:
        retry_after = platform.throttle.retry_after(username)
        if retry_after:
            errors["username"] = f"Too many failed sign-in attempts. Try again in {retry_after} seconds."
            status = 429
        else:
            account, centre = await run_in_threadpool(_find_account, platform, username)
            verified = await verify_password_queued(password, account.password_hash if account else None)
            try:
                user, display_name = check_password(account, verified)
            except BadCredentials:
                platform.throttle.failed(username)
                errors["username"] = "The username or password is not right"
            else:
                platform.throttle.succeeded(username)
                page_context(request).session.sign_in({
                    "username": user.username, "role": user.role.value, "court_centre": user.court_centre,
                    "display_name": display_name, "centre_name": centre or user.court_centre,
                })
                return see_other(target)
    return render(request, "sign_in.html", {"values": {"username": username}, "errors": errors, "next": target},
                  status_code=status)


def _find_account(platform: Platform, username: str) -> tuple[Account | None, str | None]:
    with UnitOfWork(platform.database) as uow:
        account = find_account(uow, username)
        if account is None:
            return None, None
        code = account.principal.court_centre
        return account, uow.session.scalar(select(CourtCentreRow.name).where(CourtCentreRow.code == code))


@router.post("/sign-out")
def sign_out(request: Request, form: CheckedForm):
    session = page_context(request).session
    session.sign_out()
    session.flash("You have signed out.")
    return see_other("/sign-in")


@router.get("/accessibility")
def accessibility(request: Request):
    return render(request, "accessibility.html")
