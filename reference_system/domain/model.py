"""The vocabulary of the court: roles, states and kinds shared by every rule."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    LISTING_OFFICER = "LISTING_OFFICER"
    LEGAL_ADVISER = "LEGAL_ADVISER"
    COURT_ADMIN = "COURT_ADMIN"
    AGENCY_VIEWER = "AGENCY_VIEWER"


class CourtKind(StrEnum):
    MAGISTRATES = "magistrates"
    CROWN = "crown"


class CaseStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"


class CustodyStatus(StrEnum):
    IN_CUSTODY = "IN_CUSTODY"
    CONDITIONAL_BAIL = "CONDITIONAL_BAIL"
    UNCONDITIONAL_BAIL = "UNCONDITIONAL_BAIL"
    AT_LARGE = "AT_LARGE"
    NOT_APPLICABLE = "NOT_APPLICABLE"


class HearingType(StrEnum):
    FIRST_APPEARANCE = "FIRST_APPEARANCE"
    PLEA = "PLEA"
    BAIL_APPLICATION = "BAIL_APPLICATION"
    MENTION = "MENTION"
    TRIAL = "TRIAL"
    SENTENCE = "SENTENCE"


class HearingState(StrEnum):
    LISTED = "LISTED"
    RESULTED = "RESULTED"
    AMENDED = "AMENDED"


class ResultStatus(StrEnum):
    DRAFT = "DRAFT"
    SHARED = "SHARED"


class OrderKind(StrEnum):
    NEW = "NEW"
    VARIATION = "VARIATION"
    REVOCATION = "REVOCATION"


class OrderStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    REJECTED = "REJECTED"


class Agency(StrEnum):
    EM_PROVIDER = "em-provider"
    PRISON = "prison"
    PROBATION = "probation"


class NotificationStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class WorkItemKind(StrEnum):
    EM_ORDER_OVERDUE = "EM_ORDER_OVERDUE"
    EM_ORDER_REJECTED = "EM_ORDER_REJECTED"
    NOTIFICATION_FAILING = "NOTIFICATION_FAILING"
