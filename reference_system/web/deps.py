"""FastAPI dependencies as `Annotated` aliases: the platform, units of work, the signed-in user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..platform import Platform
from ..service_layer.access import Principal
from ..service_layer.unit_of_work import UnitOfWork
from .security import TokenError, read_token

_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/token")


class Unauthenticated(Exception):
    pass


# The cheap dependencies are `async def`: FastAPI runs a plain `def` dependency on the thread pool, and under
# load those hops (about 0.2 ms of CPU each, several a request) cost more than the work itself.
async def get_platform(request: Request) -> Platform:
    return request.app.state.platform


PlatformDep = Annotated[Platform, Depends(get_platform)]


def reading_uow(platform: PlatformDep) -> Iterator[UnitOfWork]:
    with UnitOfWork(platform.database) as uow:
        yield uow


def writing_uow(platform: PlatformDep) -> Iterator[UnitOfWork]:
    with UnitOfWork(platform.database, write=True) as uow:
        yield uow


async def current_user(platform: PlatformDep,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Principal:
    if credentials is None:
        raise Unauthenticated("Sign in first: send a bearer token")
    try:
        return read_token(credentials.credentials, platform.settings.secret_key)
    except TokenError as error:
        raise Unauthenticated("The token is not valid or has expired; sign in again") from error


ReadUoW = Annotated[UnitOfWork, Depends(reading_uow)]
WriteUoW = Annotated[UnitOfWork, Depends(writing_uow)]
CurrentUser = Annotated[Principal, Depends(current_user)]
