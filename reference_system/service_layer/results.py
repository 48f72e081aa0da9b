"""Drafting and sharing results: the path the 2022 incident broke.

Sharing writes the results, the EM orders and every agency notification in ONE transaction, so an order
can never be lost between "shared" and "sent": the dispatcher delivers from the outbox afterwards.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..adapters.clock import Clock
from ..adapters.orm import DefendantRow, EmOrderRow, HearingRow, NotificationRow, ResultRow, utcnow
from ..domain.calendar import LONDON
from ..domain.em_orders import monitored_requirements, order_deadline, order_kind_for
from ..domain.errors import NothingToShare, StaleVersion, ValidationFailed
from ..domain.model import Agency, HearingState, NotificationStatus, OrderStatus, ResultStatus
from ..domain.results import Result, result_errors
from . import audit
from .access import Principal, require
from .commands import DraftResult, ShareResults
from .errors import NotFound
from .hearings import get_hearing
from .mappers import result_from
from .unit_of_work import UnitOfWork


def draft_result(uow: UnitOfWork, clock: Clock, user: Principal, command: DraftResult) -> HearingRow:
    require(user, "draft_result")
    hearing = get_hearing(uow, user, command.hearing_id, for_update=True)
    defendant = _defendant_of(hearing, command.defendant_id)
    errors = result_errors(result_from(command.result), hearing.starts_at.astimezone(LONDON).date())
    if errors:
        raise ValidationFailed(errors)
    _check_version(hearing, command.version)
    now = clock.now()
    row = next((r for r in hearing.results if r.defendant_id == defendant.id), None)
    if row is None:
        row = ResultRow(defendant_id=defendant.id, shared=None)
        hearing.results.append(row)
    row.draft, row.drafted_at, row.drafted_by = command.result, now, user.username
    row.status = ResultStatus.SHARED if row.shared == command.result else ResultStatus.DRAFT
    hearing.version += 1
    audit.record(uow.session, now, user.username, "RESULT_DRAFTED", hearing.case.urn, hearing.court_centre,
                 hearing_id=hearing.id, defendant_id=defendant.id, outcome=command.result["outcome"])
    uow.commit()
    return hearing


def share_results(uow: UnitOfWork, clock: Clock, user: Principal, command: ShareResults) -> tuple[HearingRow, list[EmOrderRow], list[NotificationRow]]:
    """Share every changed draft; create the EM orders and notifications each one calls for."""
    require(user, "share_results")
    hearing = get_hearing(uow, user, command.hearing_id, for_update=True)
    _check_version(hearing, command.version)
    changed = [r for r in hearing.results if r.status == ResultStatus.DRAFT]
    if not changed:
        raise NothingToShare("There are no new or changed results to share")
    now = clock.now()
    orders: list[EmOrderRow] = []
    notifications: list[NotificationRow] = []
    for row in changed:
        defendant = _defendant_of(hearing, row.defendant_id)
        current = result_from(row.draft)
        previous_doc = _latest_shared(uow, defendant.id)
        kind = order_kind_for(result_from(previous_doc) if previous_doc else None, current)
        if kind is not None:
            order = EmOrderRow(
                urn=hearing.case.urn, court_centre=hearing.court_centre, defendant_id=defendant.id,
                hearing_id=hearing.id, kind=kind, status=OrderStatus.PENDING, overdue=False,
                deadline=order_deadline(kind, current, now), attempts=0, created_at=now,
            )
            uow.session.add(order)
            uow.session.flush()
            orders.append(order)
            notifications.append(_notification(
                Agency.EM_PROVIDER, f"EM_ORDER_{kind}", hearing, defendant, now,
                em_order=order, payload=_em_order_payload(order, hearing, defendant, current, row.draft),
            ))
        for agency in current.agencies_to_notify():
            notifications.append(_notification(
                agency, current.outcome.value, hearing, defendant, now,
                payload=_agency_payload(hearing, defendant, row.draft),
            ))
        row.shared, row.status, row.shared_at, row.shared_by = row.draft, ResultStatus.SHARED, now, user.username
        defendant.custody_status = current.custody_status_after()
    for notification in notifications:
        uow.session.add(notification)
    hearing.state = HearingState.RESULTED if hearing.state == HearingState.LISTED else HearingState.AMENDED
    hearing.version += 1
    audit.record(uow.session, now, user.username, "RESULTS_SHARED", hearing.case.urn, hearing.court_centre,
                 hearing_id=hearing.id, defendants=[r.defendant_id for r in changed],
                 em_orders=[f"{o.kind}:{o.id}" for o in orders])
    uow.commit()
    return hearing, orders, notifications


def _check_version(hearing: HearingRow, version: int) -> None:
    if hearing.version != version:
        raise StaleVersion(version, hearing.version)


def _defendant_of(hearing: HearingRow, defendant_id: int) -> DefendantRow:
    defendant = next((d for d in hearing.case.defendants if d.id == defendant_id), None)
    if defendant is None:
        raise NotFound(f"Defendant {defendant_id} is not on this hearing's case")
    return defendant


def _latest_shared(uow: UnitOfWork, defendant_id: int) -> dict[str, Any] | None:
    """The defendant's most recently shared result at any hearing: the latest shared result wins."""
    return uow.session.scalar(
        select(ResultRow.shared)
        .where(ResultRow.defendant_id == defendant_id, ResultRow.shared.is_not(None))
        .order_by(ResultRow.shared_at.desc(), ResultRow.id.desc())
        .limit(1)
    )


def _notification(agency: Agency, kind: str, hearing: HearingRow, defendant: DefendantRow, now: datetime,
                  payload: dict[str, Any], em_order: EmOrderRow | None = None) -> NotificationRow:
    return NotificationRow(
        agency=agency, kind=kind, urn=hearing.case.urn, court_centre=hearing.court_centre,
        defendant_id=defendant.id, hearing_id=hearing.id, em_order_id=em_order.id if em_order else None,
        payload=payload, idempotency_key=uuid.uuid4().hex, status=NotificationStatus.PENDING, attempts=0,
        next_attempt_at=utcnow(), created_at=now,
    )


def _device_wearer(defendant: DefendantRow) -> dict[str, Any]:
    return {
        "defendant_id": defendant.id, "first_name": defendant.first_name, "last_name": defendant.last_name,
        "date_of_birth": defendant.date_of_birth.isoformat(), "address": defendant.address, "pnc_id": defendant.pnc_id,
    }


def _em_order_payload(order: EmOrderRow, hearing: HearingRow, defendant: DefendantRow, result: Result,
                      document: dict[str, Any]) -> dict[str, Any]:
    monitored = monitored_requirements(result)
    return {
        "platform_order_id": order.id, "kind": order.kind, "urn": hearing.case.urn,
        "court_centre": hearing.court_centre, "device_wearer": _device_wearer(defendant),
        "outcome": result.outcome.value, "deadline": order.deadline.isoformat(),
        "curfew": document.get("curfew") if monitored.curfew else None,
        "exclusion_zone": document.get("exclusion_zone") if monitored.exclusion_zone else None,
        "ends_on": (result.order_ends_on().isoformat() if result.order_ends_on() else None),
    }


def _agency_payload(hearing: HearingRow, defendant: DefendantRow, document: dict[str, Any]) -> dict[str, Any]:
    return {
        "urn": hearing.case.urn, "court_centre": hearing.court_centre, "hearing_id": hearing.id,
        "kind": document["outcome"], "defendant": _device_wearer(defendant), "result": document,
    }

