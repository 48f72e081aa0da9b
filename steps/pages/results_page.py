"""Record results: one defendant's outcome, with the bail conditions or order requirements it reveals."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, expect

from .base import Arrival, PageObject
from .case_intake_pages import CannotEnterThis
from .vocabulary import OUTCOMES, WEEKDAYS

LONDON = ZoneInfo("Europe/London")
WITH_NEXT_HEARING = {"ADJOURNED_UNCONDITIONAL_BAIL", "ADJOURNED_CONDITIONAL_BAIL", "REMANDED_IN_CUSTODY"}
REQUIREMENTS = {"ADJOURNED_CONDITIONAL_BAIL": "Bail conditions", "COMMUNITY_ORDER": "Requirements of the order"}


class ResultsPage(PageObject):
    title = "Record results"

    def open(self, hearing_id: int, defendant_id: int) -> Arrival:
        """Open the form for one defendant on one hearing (a 403 or 404 page when refused)."""
        return self._goto(f"/hearings/{hearing_id}/results/{defendant_id}")

    def opened_version(self) -> int:
        """The version of the hearing this form was opened at (the form carries it back when saved)."""
        return int(self.page.locator("input[name=version]").input_value())

    def expect_open_for(self, hearing_id: int, defendant_id: int) -> None:
        """The tab still shows this defendant's form (nothing reloaded it since it was opened)."""
        expect(self.page).to_have_url(re.compile(rf"/hearings/{hearing_id}/results/{defendant_id}$"))
        expect(self.page.get_by_role("button", name="Save and continue")).to_be_visible()

    def as_opened_at(self, version: int) -> None:
        """Hold the form as it was when opened at an earlier version of the hearing, like a tab left open
        while a colleague saved (the form carries the version it was opened at; saving sends it back)."""
        self.page.locator("input[name=version]").evaluate("(field, v) => { field.value = v }", str(version))

    # --- intentions -----------------------------------------------------------------------------------

    def record(self, result: dict[str, Any]) -> Arrival:
        """Enter a result (the contract's shape) and save it: accepted (on to the hearing's results) or refused."""
        self.enter(result)
        return self.save()

    def record_bail_with_curfew(self, curfew: dict[str, Any], next_hearing: date | None = None) -> Arrival:
        return self.record({"outcome": "ADJOURNED_CONDITIONAL_BAIL", "curfew": curfew,
                            "next_hearing": {"date": next_hearing.isoformat()} if next_hearing else None})

    def enter(self, result: dict[str, Any]) -> None:
        outcome = result["outcome"]
        self.page.get_by_role("radio", name=OUTCOMES[outcome], exact=True).check()
        if (result.get("next_hearing") or {}).get("date"):
            if outcome not in WITH_NEXT_HEARING:
                raise CannotEnterThis(f"The form asks for a next hearing only with an adjournment, not {outcome}")
            self._date("Date of the next hearing (optional)", result["next_hearing"]["date"])
        if result.get("order_length_months") is not None:
            if outcome != "COMMUNITY_ORDER":
                raise CannotEnterThis(f"The form asks for an order length only with a community order, not {outcome}")
            self.page.get_by_label("Length of the order").fill(str(result["order_length_months"]))
        for key, box in (("curfew", "Curfew"), ("exclusion_zone", "Exclusion zone")):
            if not result.get(key):
                continue
            if outcome not in REQUIREMENTS:
                raise CannotEnterThis(f"The form offers a {box.lower()} only with conditional bail or a "
                                      f"community order, not {outcome}")
            self._requirements(outcome).get_by_role("checkbox", name=box, exact=True).check()
        if result.get("curfew"):
            self._enter_curfew(result["curfew"])
        if result.get("exclusion_zone"):
            self._enter_zone(result["exclusion_zone"])
        if result.get("curfew") or result.get("exclusion_zone"):
            self._snapshot("record-results-em-fields")

    def save(self) -> Arrival:
        arrival = self._submit(self.page.get_by_role("button", name="Save and continue"))
        if arrival.status == 422:
            self._snapshot("record-results-error-summary")
        return arrival

    def save_as_draft(self) -> Arrival:
        return self._submit(self.page.get_by_role("button", name="Save as draft"))

    def is_refused_as_changed_by_someone_else(self) -> bool:
        return any(field == "version" for field in self.field_errors())

    # --- the parts of the form ------------------------------------------------------------------------

    def _requirements(self, outcome: str) -> Locator:
        return self.page.get_by_role("group", name=REQUIREMENTS[outcome], exact=True)

    def _enter_curfew(self, curfew: dict[str, Any]) -> None:
        details = self.page.get_by_role("group", name="Curfew details", exact=True)
        details.get_by_label("Curfew start time").fill(curfew["start_time"])
        details.get_by_label("Curfew end time").fill(curfew["end_time"])
        for code, day in WEEKDAYS.items():
            box = details.get_by_role("checkbox", name=day, exact=True)
            box.set_checked(bool(curfew.get("days")) and code in curfew["days"])
        address = details.get_by_role("group", name="Curfew address", exact=True)
        parts = curfew.get("address") or {}
        for label, key in (("Address line 1", "line1"), ("Address line 2 (optional)", "line2"),
                           ("Town or city (optional)", "town"), ("Postcode", "postcode")):
            address.get_by_label(label, exact=True).fill(parts.get(key) or "")
        starts_at = datetime.fromisoformat(curfew["starts_at"])
        starts_at = starts_at.astimezone(LONDON) if starts_at.tzinfo else starts_at
        self._date("Date tagging starts", starts_at.date(), within=details)
        details.get_by_label("Time tagging starts").fill(starts_at.strftime("%H:%M"))
        self._date("Date the curfew ends (optional)", curfew.get("ends_on"), within=details)
        self._yes_no("Is the curfew electronically monitored?", curfew.get("electronically_monitored"), details)

    def _enter_zone(self, zone: dict[str, Any]) -> None:
        details = self.page.get_by_role("group", name="Exclusion zone details", exact=True)
        details.get_by_label("Describe the exclusion zone").fill(zone.get("description") or "")
        self._date("Date the exclusion zone starts", zone.get("starts_on"), within=details)
        self._date("Date the exclusion zone ends (optional)", zone.get("ends_on"), within=details)
        self._yes_no("Is the exclusion zone electronically monitored?", zone.get("electronically_monitored"), details)

    def _date(self, legend: str, value: date | str | None, within: Locator | None = None) -> None:
        group = (within or self.page).get_by_role("group", name=legend, exact=True)
        day = value if isinstance(value, date) or value is None else date.fromisoformat(str(value)[:10])
        for label, part in (("Day", "day"), ("Month", "month"), ("Year", "year")):
            group.get_by_label(label, exact=True).fill(str(getattr(day, part)) if day else "")

    @staticmethod
    def _yes_no(legend: str, value: bool | None, within: Locator) -> None:
        if value is None:
            return
        within.get_by_role("group", name=legend, exact=True).get_by_role("radio", name="Yes" if value else "No",
                                                                           exact=True).check()
