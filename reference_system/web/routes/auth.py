"""Sign-in for API clients: a bearer token for a username and password."""

from fastapi import APIRouter

from ...service_layer.auth import authenticate
from ...service_layer.errors import BadCredentials, TooManyAttempts
from ..deps import CurrentUser, PlatformDep, ReadUoW
from ..schemas import TokenPublic, TokenRequest, UserPublic
from ..security import issue_token, verify_password

router = APIRouter(prefix="/api/v1", tags=["auth"])


@router.post("/auth/token", response_model=TokenPublic, responses={401: {}, 429: {}})
def sign_in(body: TokenRequest, platform: PlatformDep, uow: ReadUoW):
    retry_after = platform.throttle.retry_after(body.username)
    if retry_after:
        raise TooManyAttempts(retry_after)
    try:
        user, display_name = authenticate(uow, body.username, body.password, verify_password)
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


@router.get("/me", response_model=UserPublic, responses={401: {}})
def me(user: CurrentUser):
    return {"username": user.username, "role": user.role, "court_centre": user.court_centre}
