"""One EM order: its status and moments, and (for a court admin) re-sending it once rejected."""

from __future__ import annotations

import re
from typing import Any

from .base import Arrival, PageObject, moment, summary_rows, summary_value
from .vocabulary import STATUSES, code_for


class EmOrderPage(PageObject):
    title = "EM order [0-9]+"

    def open(self, order_id: int) -> Arrival:
        return self._goto(f"/em-orders/{order_id}")

    def order(self) -> dict[str, Any]:
        main = self.page.get_by_role("main")
        rows = summary_rows(main)
        badges = summary_value(main, "Status").locator(".moj-badge").all_inner_texts()
        reference = rows["Provider reference"]
        return {
            "id": int(self.page.get_by_role("heading", level=1).inner_text().removeprefix("EM order ")),
            "urn": rows["Case"], "kind": rows["Kind"].upper(), "status": code_for(badges[0], STATUSES),
            "overdue": any(b.strip().casefold() == "overdue" for b in badges[1:]),
            "provider_ref": None if reference == "Not yet acknowledged" else reference,
            "created_at": moment(summary_value(main, "Made")), "deadline": moment(summary_value(main, "Tag needed by")),
            "acknowledged_at": moment(summary_value(main, "Acknowledged")),
            "attempts": int(rows["Delivery attempts"]),
            "last_error": None if rows["Last error"] == "None" else rows["Last error"],
        }

    def offers_resend(self) -> bool:
        return self._resend().count() > 0

    def says_only_rejected_orders_can_be_resent(self) -> bool:
        return self.page.get_by_text("Only a rejected order can be re-sent.").count() > 0

    def resend(self) -> Arrival:
        return self._submit(self._resend())

    def _resend(self):
        return self.page.get_by_role("button", name=re.compile(r"^Re-send EM order "))
