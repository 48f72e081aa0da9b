"""The case page: defendants and offences, hearings and results, EM orders and messages to agencies."""

from __future__ import annotations

from typing import Any

from .base import Arrival, PageObject, iso, moment, summary_rows, table_rows
from .vocabulary import CUSTODY, STATUSES, code_for

NOT_ACKNOWLEDGED = "Not yet acknowledged"


class CasePage(PageObject):
    title = "Case [A-Z0-9]+"

    def open(self, urn: str) -> Arrival:
        arrival = self._goto(f"/cases/{urn}")
        if arrival.status == 200 and self._orders_table().count() and NOT_ACKNOWLEDGED not in self._orders_table().inner_text():
            self._snapshot("case")
        return arrival

    def case(self) -> dict[str, Any]:
        """The case in the contract's words: reference, centre, status, defendants and hearings."""
        rows = summary_rows(self.page.get_by_role("main").locator(".govuk-summary-list").first)
        return {
            "urn": rows["Case reference (URN)"], "prosecutor": rows["Prosecutor"], "court_centre_name": rows["Court centre"],
            "status": code_for(rows["Status"], STATUSES),
            "defendants": self.defendants(), "hearings": self.hearings(),
        }

    def defendants(self) -> list[dict[str, Any]]:
        found = []
        for card in self.page.locator("[id^=defendant-]").all():
            rows = summary_rows(card)
            found.append({
                "id": int(card.get_attribute("id").removeprefix("defendant-")),
                "first_name": _exactly(card, "First names"), "last_name": _exactly(card, "Last name"),
                "custody_status": code_for(rows["Custody status"], CUSTODY),
                "address": rows.get("Address"), "offences": rows.get("Offences"),
            })
        return found

    def hearings(self) -> list[dict[str, Any]]:
        found = []
        for section in self.page.locator(".app-hearing").all():
            title = section.get_by_role("heading").first
            found.append({
                "id": int(section.get_attribute("id").removeprefix("hearing-")),
                "starts_at": moment(title),
                "state": code_for(title.locator(".moj-badge").inner_text(), STATUSES),
            })
        return found

    def em_orders(self) -> list[dict[str, Any]]:
        """Each EM order: kind, status (and whether overdue), the provider's reference and its moments."""
        urn = self.page.get_by_role("heading", level=1).inner_text().removeprefix("Case ").strip()
        orders = []
        for row in table_rows(self._orders_table()):
            cells = row["cells"]
            badges = cells[3]["badges"]
            reference = cells[4]["text"]
            orders.append({
                "id": int(row["id"].removeprefix("em-order-")), "urn": urn, "defendant_id": int(row["data"]["defendant"]),
                "kind": cells[2]["text"].upper(), "status": code_for(badges[0], STATUSES),
                "overdue": any(b.casefold() == "overdue" for b in badges[1:]),
                "provider_ref": None if reference == NOT_ACKNOWLEDGED else reference,
                "created_at": iso(cells[5]["time"]), "deadline": iso(cells[6]["time"]),
                "acknowledged_at": iso(cells[7]["time"]),
            })
        return orders

    def messages(self) -> list[dict[str, Any]]:
        """Each message to an agency about the case: to whom, its status, attempts and the last error."""
        table = self.page.get_by_role("table", name="Messages sent to agencies about this case")
        return [{
            "id": int(row["id"].removeprefix("message-")), "agency": row["data"]["agency"],
            "status": code_for(row["cells"][4]["badges"][0], STATUSES),
            "attempts": int(row["cells"][5]["text"] or 0), "last_error": row["cells"][6]["text"] or None,
        } for row in table_rows(table)]

    def _orders_table(self):
        return self.page.get_by_role("table", name="Electronic monitoring orders sent to the monitoring provider")


def _exactly(card, key: str) -> str:
    """A summary-list answer exactly as shown (names keep their spaces and punctuation)."""
    row = card.locator(".govuk-summary-list__row").filter(has=card.page.get_by_text(key, exact=True))
    return row.locator(".govuk-summary-list__value").evaluate("cell => cell.textContent.trim()")
