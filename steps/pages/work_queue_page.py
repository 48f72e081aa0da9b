"""The court admin's work queue: what needs action, and re-sending a rejected EM order."""

from __future__ import annotations

import re
from typing import Any

from .base import Arrival, PageObject, iso, table_rows
from .vocabulary import STATUSES, code_for


class WorkQueuePage(PageObject):
    title = "Work queue"

    def open(self) -> Arrival:
        arrival = self._goto("/work-queue")
        if arrival.status == 200 and self.items():
            self._snapshot("work-queue")
        return arrival

    def items(self) -> list[dict[str, Any]]:
        """Each item in the contract's words: kind, case, the order or message, since when, and why."""
        found = []
        for row in table_rows(self.page.get_by_role("main").get_by_role("table")):
            cells, row_id = row["cells"], row["id"]
            found.append({
                "kind": code_for(cells[3]["badges"][0], STATUSES), "urn": cells[1]["text"], "defendant": cells[2]["text"],
                "em_order_id": int(row_id.removeprefix("em-order-")) if row_id.startswith("em-order-") else None,
                "notification_id": int(row_id.removeprefix("notification-")) if row_id.startswith("notification-") else None,
                "since": iso(cells[0]["time"]), "detail": cells[3]["detail"],
            })
        return found

    def resend(self, order_id: int) -> Arrival:
        """Re-send a rejected EM order from the queue (back to the queue, with a message, when accepted)."""
        return self._submit(self.page.get_by_role("button", name=re.compile(rf"^Re-send EM order {order_id} ")))
