"""Opening a case and listing a hearing (listing officers), and finding a case."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator

from .base import Arrival, PageObject
from .vocabulary import HEARING_TYPES

LONDON = ZoneInfo("Europe/London")


class CannotEnterThis(AssertionError):
    """The form has no way to say this: the page itself rules it out."""


def _fill_date(group: Locator, value: date | str | None) -> None:
    day = value if isinstance(value, date) or value is None else date.fromisoformat(str(value)[:10])
    for label, part in (("Day", "day"), ("Month", "month"), ("Year", "year")):
        group.get_by_label(label, exact=True).fill(str(getattr(day, part)) if day else "")


class OpenCasePage(PageObject):
    title = "Open a case"

    def open(self) -> Arrival:
        return self._goto("/cases/new")

    def open_case(self, case: dict[str, Any]) -> Arrival:
        """Enter a case (the contract's shape: reference, prosecutor, defendants) and open it."""
        defendants = case.get("defendants") or []
        for _ in range(len(defendants) - 1):
            self._submit(self.page.get_by_role("button", name="Add another defendant"))
        self.page.get_by_label("Case reference (URN)").fill(case.get("urn") or "")
        self.page.get_by_label("Prosecutor").fill(case.get("prosecutor") or "")
        for number, defendant in enumerate(defendants, start=1):
            legend = f"Defendant {number}" if len(defendants) > 1 else "Defendant"
            self._enter_defendant(self.page.get_by_role("group", name=legend, exact=True), defendant)
        return self._submit(self.page.get_by_role("button", name="Open case"))

    def _enter_defendant(self, block: Locator, defendant: dict[str, Any]) -> None:
        offences = defendant.get("offences") or []
        if len(offences) > 1:
            raise CannotEnterThis("The form takes one offence per defendant")
        block.get_by_label("First names").fill(defendant.get("first_name") or "")
        block.get_by_label("Last name").fill(defendant.get("last_name") or "")
        _fill_date(block.get_by_role("group", name="Date of birth"), defendant.get("date_of_birth"))
        address = block.get_by_role("group", name="Address", exact=True)
        parts = defendant.get("address") or {}
        for label, key in (("Address line 1", "line1"), ("Address line 2 (optional)", "line2"),
                           ("Town or city (optional)", "town"), ("Postcode", "postcode")):
            address.get_by_label(label, exact=True).fill(parts.get(key) or "")
        block.get_by_label("PNC ID (optional)").fill(defendant.get("pnc_id") or "")
        offence = offences[0] if offences else {}
        block.get_by_label("Offence code").fill(offence.get("code") or "")
        block.get_by_label("Offence wording").fill(offence.get("wording") or "")


class ListHearingPage(PageObject):
    title = "List a hearing"

    def open(self, urn: str) -> Arrival:
        return self._goto(f"/cases/{urn}/hearings/new")

    def list_hearing(self, hearing: dict[str, Any]) -> Arrival:
        """Enter a hearing (type, courtroom, start) and list it; accepted leads to the case, at the hearing."""
        if hearing.get("type") in HEARING_TYPES:
            self.page.get_by_role("radio", name=HEARING_TYPES[hearing["type"]], exact=True).check()
        self.page.get_by_label("Courtroom").fill(str(hearing.get("courtroom") or ""))
        starts_at = datetime.fromisoformat(hearing["starts_at"]) if hearing.get("starts_at") else None
        if starts_at is not None and starts_at.tzinfo:
            starts_at = starts_at.astimezone(LONDON)
        _fill_date(self.page.get_by_role("group", name="Date of the hearing"), starts_at.date() if starts_at else None)
        self.page.get_by_label("Start time").fill(f"{starts_at:%H:%M}" if starts_at else "")
        return self._submit(self.page.get_by_role("button", name="List hearing"))


class FindCasePage(PageObject):
    title = "Find a case"

    def search(self, text: str) -> Arrival:
        arrival = self._goto("/cases")
        if arrival.status != 200:
            return arrival
        self.page.get_by_label("Case reference (URN) or defendant's surname").fill(text)
        return self._submit(self.page.get_by_role("button", name="Search"))

    def cases(self) -> list[dict[str, Any]]:
        table = self.page.get_by_role("main").get_by_role("table")
        if table.count() == 0:
            return []
        return [{"urn": row.get_by_role("cell").first.inner_text().strip()} for row in table.locator("tbody tr").all()]
