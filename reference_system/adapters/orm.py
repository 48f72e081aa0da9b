"""Tables of the platform's database (SQLAlchemy 2 declarative); the domain never sees these classes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator):
    """Aware UTC date-times on every backend (SQLite keeps no offset, so it is restored on read)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive date-time reached the database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class CourtCentreRow(Base):
    __tablename__ = "court_centres"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(30))
    court_centre: Mapped[str] = mapped_column(ForeignKey("court_centres.code"))
    display_name: Mapped[str] = mapped_column(String(200))


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    urn: Mapped[str] = mapped_column(String(20), unique=True)
    court_centre: Mapped[str] = mapped_column(ForeignKey("court_centres.code"), index=True)
    prosecutor: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    defendants: Mapped[list[DefendantRow]] = relationship(
        back_populates="case", order_by="DefendantRow.position", cascade="all, delete-orphan"
    )
    hearings: Mapped[list[HearingRow]] = relationship(
        back_populates="case", order_by="HearingRow.starts_at", cascade="all, delete-orphan"
    )


class DefendantRow(Base):
    __tablename__ = "defendants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    search_name: Mapped[str] = mapped_column(String(220), index=True)
    date_of_birth: Mapped[date] = mapped_column(Date)
    address: Mapped[dict] = mapped_column(JSON)
    pnc_id: Mapped[str | None] = mapped_column(String(20))
    custody_status: Mapped[str] = mapped_column(String(30))
    offences: Mapped[list[dict]] = mapped_column(JSON)
    case: Mapped[CaseRow] = relationship(back_populates="defendants")


class HearingRow(Base):
    __tablename__ = "hearings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    court_centre: Mapped[str] = mapped_column(ForeignKey("court_centres.code"), index=True)
    courtroom: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    state: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    case: Mapped[CaseRow] = relationship(back_populates="hearings")
    results: Mapped[list[ResultRow]] = relationship(
        back_populates="hearing", order_by="ResultRow.defendant_id", cascade="all, delete-orphan"
    )


class ResultRow(Base):
    """A defendant's result at a hearing: the draft being edited and the content last shared."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("hearing_id", "defendant_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id"), index=True)
    defendant_id: Mapped[int] = mapped_column(ForeignKey("defendants.id"), index=True)
    draft: Mapped[dict] = mapped_column(JSON)
    shared: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    drafted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    drafted_by: Mapped[str] = mapped_column(String(100))
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    shared_by: Mapped[str | None] = mapped_column(String(100))
    hearing: Mapped[HearingRow] = relationship(back_populates="results")


class EmOrderRow(Base):
    __tablename__ = "em_orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    urn: Mapped[str] = mapped_column(String(20), index=True)
    court_centre: Mapped[str] = mapped_column(String(10), index=True)
    defendant_id: Mapped[int] = mapped_column(ForeignKey("defendants.id"), index=True)
    hearing_id: Mapped[int] = mapped_column(ForeignKey("hearings.id"))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    overdue_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    provider_ref: Mapped[str | None] = mapped_column(String(50))
    deadline: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class NotificationRow(Base):
    """The outbox: one message to one agency, written in the same transaction as the share."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    urn: Mapped[str] = mapped_column(String(20), index=True)
    court_centre: Mapped[str] = mapped_column(String(10))
    defendant_id: Mapped[int] = mapped_column(Integer)
    hearing_id: Mapped[int] = mapped_column(Integer)
    em_order_id: Mapped[int | None] = mapped_column(ForeignKey("em_orders.id"))
    payload: Mapped[dict] = mapped_column(JSON)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reference: Mapped[str | None] = mapped_column(String(50))


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    urn: Mapped[str | None] = mapped_column(String(20), index=True)
    court_centre: Mapped[str | None] = mapped_column(String(10))
    detail: Mapped[dict] = mapped_column(JSON)


class ClockRow(Base):
    """The platform clock's offset from real time (test mode), shared by every worker process."""

    __tablename__ = "platform_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offset_seconds: Mapped[float] = mapped_column(default=0.0)


def utcnow() -> datetime:
    return datetime.now(UTC)
