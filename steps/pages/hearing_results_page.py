"""A hearing's results: each defendant's result (check your answers before sharing), and sharing them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .base import Arrival, PageObject, summary_rows
from .vocabulary import OUTCOMES, STATUSES, code_for


class HearingResultsPage(PageObject):
    title = "(Check the results before sharing|Hearing results)"

    def open(self, hearing_id: int, *, unless_there: bool = False) -> Arrival:
        """Open the hearing's results (`unless_there`: stay on them if the tab has just arrived there, as it
        does after saving a result)."""
        path = f"/hearings/{hearing_id}/results"
        if unless_there and urlsplit(self.page.url).path == path:
            return Arrival(200, path)
        arrival = self._goto(path)
        if arrival.status == 200 and self._share_button().count():
            self._snapshot("check-your-answers")
        return arrival

    def hearing(self) -> dict[str, Any]:
        """The hearing as this page shows it, in the contract's words: state, version and results."""
        main = self.page.get_by_role("main")
        section = main.locator("[data-version]")
        return {
            "id": int(section.get_attribute("id").removeprefix("hearing-")),
            "urn": main.locator(".govuk-caption-l").get_by_role("link").inner_text().strip(),
            "state": code_for(main.locator(".moj-badge").first.inner_text(), STATUSES),
            "version": int(section.get_attribute("data-version")),
            "results": self.results(),
        }

    def results(self) -> list[dict[str, Any]]:
        """Each recorded result: whose it is, draft or shared, and the outcome."""
        found = []
        for card in self.page.get_by_role("main").locator(".govuk-summary-card").all():
            rows = summary_rows(card)
            if rows.get("Result status") == "Not recorded":
                continue
            found.append({
                "defendant_id": int(card.get_attribute("id").removeprefix("result-")),
                "status": code_for(rows["Result status"], STATUSES),
                "outcome": code_for(rows["Outcome"], OUTCOMES),
                "answers": rows,
            })
        return found

    def can_share(self) -> bool:
        return self._share_button().count() > 0

    def says_nothing_to_share(self) -> bool:
        return self.page.get_by_text("There are no new or changed results to share").count() > 0

    def as_opened_at(self, version: int) -> None:
        """Hold the page as it was when opened at an earlier version of the hearing (see ResultsPage)."""
        self.page.locator("form[action$='/share'] input[name=version]").evaluate(
            "(field, v) => { field.value = v }", str(version))

    def share(self) -> Arrival:
        """Share the results: accepted (on to the confirmation) or refused (this page again, with the reason)."""
        return self._submit(self._share_button())

    def _share_button(self):
        return self.page.get_by_role("button", name="Share results")
