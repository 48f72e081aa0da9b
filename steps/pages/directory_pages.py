"""Pages that list what a user may look up: the court centres, and (court admins) a case's audit trail."""

from __future__ import annotations

from typing import Any

from .base import Arrival, PageObject, moment
from .vocabulary import AUDIT_ACTIONS, code_for


class CourtCentresPage(PageObject):
    title = "Court centres"

    def open(self) -> Arrival:
        return self._goto("/court-centres")

    def centres(self) -> list[dict[str, Any]]:
        rows = self.page.get_by_role("main").get_by_role("table").locator("tbody tr").all()
        found = []
        for row in rows:
            code, name, kind = (c.inner_text().strip() for c in row.get_by_role("cell").all())
            found.append({"code": code, "name": name, "kind": "crown" if kind == "Crown Court" else "magistrates"})
        return found


class AuditTrailPage(PageObject):
    title = "Audit trail of case [A-Z0-9]+"

    def open(self, urn: str) -> Arrival:
        return self._goto(f"/cases/{urn}/audit")

    def events(self) -> list[dict[str, Any]]:
        """The trail, oldest first: when, who, and what they did."""
        found = []
        for row in self.page.get_by_role("main").get_by_role("table").locator("tbody tr").all():
            cells = row.get_by_role("cell").all()
            found.append({"id": int(row.get_attribute("id").removeprefix("event-")), "at": moment(cells[0]),
                          "actor": cells[1].inner_text().strip(), "action": code_for(cells[2].inner_text(), AUDIT_ACTIONS)})
        return sorted(found, key=lambda e: (e["at"] or "", e["id"]))
