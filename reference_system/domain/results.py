"""Hearing results: what each outcome requires, allows, and sets in motion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .calendar import add_months, as_london
from .curfew import Curfew, ExclusionZone, curfew_errors, exclusion_zone_errors
from .errors import FieldError
from .model import Agency, CustodyStatus

MAX_ORDER_LENGTH_MONTHS = 36


class Outcome(StrEnum):
    ADJOURNED_UNCONDITIONAL_BAIL = "ADJOURNED_UNCONDITIONAL_BAIL"
    ADJOURNED_CONDITIONAL_BAIL = "ADJOURNED_CONDITIONAL_BAIL"
    REMANDED_IN_CUSTODY = "REMANDED_IN_CUSTODY"
    COMMUNITY_ORDER = "COMMUNITY_ORDER"
    CUSTODIAL_SENTENCE = "CUSTODIAL_SENTENCE"
    FINE = "FINE"
    DISCHARGE = "DISCHARGE"
    ACQUITTED = "ACQUITTED"


ADJOURNMENTS = {
    Outcome.ADJOURNED_UNCONDITIONAL_BAIL,
    Outcome.ADJOURNED_CONDITIONAL_BAIL,
    Outcome.REMANDED_IN_CUSTODY,
}
# Only conditional bail and community orders can carry curfews and exclusion zones.
REQUIREMENT_OUTCOMES = {Outcome.ADJOURNED_CONDITIONAL_BAIL, Outcome.COMMUNITY_ORDER}

_CUSTODY_AFTER = {
    Outcome.ADJOURNED_UNCONDITIONAL_BAIL: CustodyStatus.UNCONDITIONAL_BAIL,
    Outcome.ADJOURNED_CONDITIONAL_BAIL: CustodyStatus.CONDITIONAL_BAIL,
    Outcome.REMANDED_IN_CUSTODY: CustodyStatus.IN_CUSTODY,
    Outcome.CUSTODIAL_SENTENCE: CustodyStatus.IN_CUSTODY,
}


@dataclass(frozen=True)
class Result:
    """One defendant's result at one hearing, as drafted or shared."""

    outcome: Outcome
    next_hearing_date: date | None = None
    order_length_months: int | None = None
    curfew: Curfew | None = None
    exclusion_zone: ExclusionZone | None = None

    @property
    def is_community_order(self) -> bool:
        return self.outcome is Outcome.COMMUNITY_ORDER

    def requirement_start(self) -> date | None:
        """When the order's requirements start: the curfew's tagging start, else the zone's start."""
        if self.curfew is not None:
            return as_london(self.curfew.starts_at).date()
        if self.exclusion_zone is not None:
            return self.exclusion_zone.starts_on
        return None

    def order_ends_on(self) -> date | None:
        """A community order ends at its start plus its length; bail ends at the next hearing."""
        if self.is_community_order:
            start = self.requirement_start()
            months = self.order_length_months
            if start is not None and months and 1 <= months <= MAX_ORDER_LENGTH_MONTHS:
                return add_months(start, months)
            return None
        return self.next_hearing_date

    @property
    def has_electronic_monitoring(self) -> bool:
        return bool(
            (self.curfew and self.curfew.electronically_monitored)
            or (self.exclusion_zone and self.exclusion_zone.electronically_monitored)
        )

    def custody_status_after(self) -> CustodyStatus:
        return _CUSTODY_AFTER.get(self.outcome, CustodyStatus.NOT_APPLICABLE)

    def agencies_to_notify(self) -> list[Agency]:
        """Agencies other than the EM provider that must hear of this result."""
        if self.outcome in (Outcome.REMANDED_IN_CUSTODY, Outcome.CUSTODIAL_SENTENCE):
            return [Agency.PRISON]
        if self.outcome is Outcome.COMMUNITY_ORDER:
            return [Agency.PROBATION]
        return []


def result_errors(result: Result, hearing_day: date) -> list[FieldError]:
    """Every rule this result breaks, each against the field a court user would correct."""
    errors: list[FieldError] = []
    if result.next_hearing_date is not None:
        if result.outcome not in ADJOURNMENTS:
            errors.append(FieldError("next_hearing.date", "Only an adjournment has a next hearing"))
        elif result.next_hearing_date <= hearing_day:
            errors.append(FieldError("next_hearing.date", "The next hearing must be after this hearing"))
    if result.is_community_order:
        months = result.order_length_months
        if months is None:
            errors.append(FieldError("order_length_months", "Enter the length of the community order in months"))
        elif not 1 <= months <= MAX_ORDER_LENGTH_MONTHS:
            errors.append(
                FieldError("order_length_months", f"A community order lasts 1 to {MAX_ORDER_LENGTH_MONTHS} months")
            )
    elif result.order_length_months is not None:
        errors.append(FieldError("order_length_months", "Only a community order has a length"))
    has_requirements = result.curfew is not None or result.exclusion_zone is not None
    if has_requirements and result.outcome not in REQUIREMENT_OUTCOMES:
        field = "curfew" if result.curfew is not None else "exclusion_zone"
        errors.append(FieldError(field, "Only conditional bail or a community order can have a curfew or exclusion zone"))
        return errors
    order_ends_on = result.order_ends_on()
    if result.curfew is not None:
        errors += curfew_errors(
            result.curfew, community_order=result.is_community_order, order_ends_on=order_ends_on
        )
    if result.exclusion_zone is not None:
        errors += exclusion_zone_errors(
            result.exclusion_zone, community_order=result.is_community_order, order_ends_on=order_ends_on
        )
    return errors
