"""Dependency aliases that hand routes what the app holds: the ledger, the fault injector, the stop flag."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from reference_system.em_provider.faults import FaultInjector
from reference_system.em_provider.ledger import Ledger


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def _faults(request: Request) -> FaultInjector:
    return request.app.state.faults


def _shutting_down(request: Request) -> Callable[[], bool]:
    return request.app.state.shutting_down


LedgerDep = Annotated[Ledger, Depends(_ledger)]
FaultsDep = Annotated[FaultInjector, Depends(_faults)]
ShuttingDownDep = Annotated[Callable[[], bool], Depends(_shutting_down)]
