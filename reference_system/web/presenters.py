"""Turn database rows into the contract's response shapes."""

from __future__ import annotations

from typing import Any

from ..adapters.orm import (
    AuditEventRow,
    CaseRow,
    DefendantRow,
    EmOrderRow,
    HearingRow,
    NotificationRow,
    ResultRow,
)
from ..service_layer.orders import WorkItem


def defendant(row: DefendantRow) -> dict[str, Any]:
    return {
        "id": row.id, "first_name": row.first_name, "last_name": row.last_name,
        "date_of_birth": row.date_of_birth, "address": row.address, "pnc_id": row.pnc_id,
        "custody_status": row.custody_status, "offences": row.offences,
    }


def hearing_summary(row: HearingRow) -> dict[str, Any]:
    return {
        "id": row.id, "type": row.type, "court_centre": row.court_centre, "courtroom": row.courtroom,
        "starts_at": row.starts_at, "state": row.state, "version": row.version,
    }


def result(row: ResultRow) -> dict[str, Any]:
    return {
        "defendant_id": row.defendant_id, "status": row.status, **row.draft,
        "drafted_at": row.drafted_at, "drafted_by": row.drafted_by,
        "shared": row.shared, "shared_at": row.shared_at, "shared_by": row.shared_by,
    }


def hearing(row: HearingRow) -> dict[str, Any]:
    return {
        **hearing_summary(row), "urn": row.case.urn,
        "results": [result(r) for r in row.results],
        "defendants": [
            {"id": d.id, "first_name": d.first_name, "last_name": d.last_name, "custody_status": d.custody_status}
            for d in row.case.defendants
        ],
    }


def case(row: CaseRow) -> dict[str, Any]:
    return {
        "urn": row.urn, "court_centre": row.court_centre, "prosecutor": row.prosecutor, "status": row.status,
        "defendants": [defendant(d) for d in row.defendants],
        "hearings": [hearing_summary(h) for h in row.hearings],
    }


def em_order(row: EmOrderRow) -> dict[str, Any]:
    return {
        "id": row.id, "urn": row.urn, "defendant_id": row.defendant_id, "hearing_id": row.hearing_id,
        "kind": row.kind, "status": row.status, "overdue": row.overdue, "provider_ref": row.provider_ref,
        "deadline": row.deadline, "attempts": row.attempts, "created_at": row.created_at,
        "acknowledged_at": row.acknowledged_at, "last_error": row.last_error,
    }


def notification(row: NotificationRow) -> dict[str, Any]:
    return {
        "id": row.id, "agency": row.agency, "kind": row.kind, "urn": row.urn, "defendant_id": row.defendant_id,
        "hearing_id": row.hearing_id, "em_order_id": row.em_order_id, "status": row.status,
        "attempts": row.attempts, "last_error": row.last_error, "created_at": row.created_at, "sent_at": row.sent_at,
    }


def work_item(item: WorkItem) -> dict[str, Any]:
    return {
        "kind": item.kind, "urn": item.urn, "defendant_id": item.defendant_id, "em_order_id": item.em_order_id,
        "notification_id": item.notification_id, "since": item.since, "detail": item.detail,
    }


def audit_event(row: AuditEventRow) -> dict[str, Any]:
    return {"id": row.id, "at": row.at, "actor": row.actor, "action": row.action, "urn": row.urn, "detail": row.detail}
