"""Audit events: every change says who did what, when, to which case."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..adapters.orm import AuditEventRow
from .access import Principal, require
from .unit_of_work import UnitOfWork


def record(session: Session, at: datetime, actor: str, action: str, urn: str | None, court_centre: str | None, **detail: Any) -> None:
    """Add an audit event to the current transaction: it commits or rolls back with the change."""
    session.add(AuditEventRow(at=at, actor=actor, action=action, urn=urn, court_centre=court_centre, detail=detail))


def audit_events(uow: UnitOfWork, user: Principal, urn: str | None, limit: int = 500) -> tuple[list[AuditEventRow], int]:
    require(user, "read_audit")
    query = select(AuditEventRow).where(AuditEventRow.court_centre == user.court_centre)
    if urn:
        query = query.where(AuditEventRow.urn == urn)
    total = uow.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = uow.session.scalars(query.order_by(AuditEventRow.id.desc()).limit(limit)).all()
    return list(rows), total or 0
