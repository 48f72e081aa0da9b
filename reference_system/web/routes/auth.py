"""Sign-in for API clients: a bearer token for a username and password."""

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from ...platform import Platform
from ...service_layer.auth import Account, check_password, find_account
from ...service_layer.errors import BadCredentials, TooManyAttempts
from ...service_layer.unit_of_work import UnitOfWork
from ..deps import CurrentUser, PlatformDep
from ..schemas import TokenPublic, TokenRequest, UserPublic
from ..security import issue_token, verify_password_queued

router = APIRouter(prefix="/api/v1", tags=["auth"])


@router.post("/auth/token", response_model=TokenPublic, responses={401: {}, 429: {}})
async def sign_in(body: TokenRequest, platform: PlatformDep):
    retry_after = platform.throttle.retry_after(body.username)
    if retry_after:
        raise TooManyAttempts(retry_after)
    account = await run_in_threadpool(_find_account, platform, body.username)
    verified = await verify_password_queued(body.password, account.password_hash if account else None)
    try:
        user, display_name = check_password(account, verified)
    except BadCredentials:
        platform.throttle.failed(body.username)
        raise
    platform.throttle.succeeded(body.username)
    ttl = platform.settings.token_ttl_seconds
    return {
        "access_token": issue_token(user, platform.settings.secret_key, ttl), "token_type": "bearer",
        "expires_in": ttl,
        "user": {"username": user.username, "role": user.role, "court_centre": user.court_centre, "display_name": display_name},
    }


def _find_account(platform: Platform, username: str) -> Account | None:
    with UnitOfWork(platform.database) as uow:
        return find_account(uow, username)


@router.get("/me", response_model=UserPublic, responses={401: {}})
def me(user: CurrentUser):
    return {"username": user.username, "role": user.role, "court_centre": user.court_centre}
