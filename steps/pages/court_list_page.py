"""The court list: a day's hearings at the user's court centre, by courtroom."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

from .base import Arrival, PageObject, iso, table_rows
from .vocabulary import HEARING_TYPES, STATUSES, code_for


class CourtListPage(PageObject):
    title = r"(Today's court list|Court list for .+)"

    def open(self, day: date | None = None, court_centre: str | None = None) -> Arrival:
        query = {k: v for k, v in (("date", day.isoformat() if day else None), ("court_centre", court_centre)) if v}
        arrival = self._goto("/court-list" + (f"?{urlencode(query)}" if query else ""))
        if arrival.status == 200:
            self.consider_for_the_report()
        return arrival

    def consider_for_the_report(self) -> None:
        """A busy list seen by a legal adviser (with 'Record results' links) is the report's picture."""
        if self.page.get_by_role("link", name=re.compile("^Record results for case ")).count() >= 4:
            self._snapshot("court-list")

    def hearings(self) -> list[dict[str, Any]]:
        """Each listed hearing as the page shows it: courtroom, start, case, defendants, type and status."""
        listed = []
        for table in self.page.get_by_role("main").get_by_role("table").all():
            courtroom = table.locator("caption").inner_text().removeprefix("Courtroom ").strip()
            for row in table_rows(table):
                cells = row["cells"]
                listed.append({
                    "id": int(row["id"].removeprefix("hearing-")), "courtroom": courtroom,
                    "starts_at": iso(cells[0]["time"]), "urn": cells[1]["text"],
                    "defendants": [n.strip() for n in cells[2]["text"].splitlines() if n.strip()],
                    "type": code_for(cells[3]["text"], HEARING_TYPES), "state": code_for(cells[4]["badges"][0], STATUSES),
                })
        return listed

    def open_case(self, urn: str) -> Arrival:
        return self._follow(self.page.get_by_role("link", name=urn, exact=True))

    def record_results_for(self, urn: str) -> Arrival:
        return self._follow(self.page.get_by_role("link", name=re.compile(rf"(Record|Change) results for case {urn}$")))
