"""Working from a form that stays open: what two people do when both have the same hearing open.

Opening the form remembers the hearing as it was then (the version the form carries); saving later sends
that version back, so the platform can refuse a save made on an out-of-date form. Through the API the
actor keeps the version; in the browser the form simply stays open in the actor's own tab.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from steps.pages import HearingResultsPage, ResultsPage

from .tasks import Interaction, Outcome

if TYPE_CHECKING:
    from .abilities import BrowseTheWeb, CallTheApi


@dataclass(frozen=True)
class OpenTheResultForm(Interaction):
    """Open one defendant's result form on a hearing and leave it open."""

    hearing_id: int
    defendant_id: int

    def via_api(self, api: CallTheApi) -> Outcome:
        return Outcome.of(api.request("GET", f"/api/v1/hearings/{self.hearing_id}"))

    def via_browser(self, browser: BrowseTheWeb) -> Outcome:
        page = ResultsPage(browser.page, browser.base_url, browser.checks)
        arrival = page.open(self.hearing_id, self.defendant_id)
        return Outcome(arrival.status, {"version": page.opened_version()} if arrival.accepted else page.problem())

    def describe(self) -> str:
        return f"open the result form of defendant {self.defendant_id} on hearing {self.hearing_id}"


@dataclass(frozen=True)
class SaveTheOpenResultForm(Interaction):
    """Fill in the form opened earlier (`opened` is what opening it answered) and save it."""

    hearing_id: int
    defendant_id: int
    result: dict[str, Any]
    opened: Outcome

    def via_api(self, api: CallTheApi) -> Outcome:
        payload = {"version": self.opened.body["version"], **self.result}
        return Outcome.of(api.request("PUT", f"/api/v1/hearings/{self.hearing_id}/results/{self.defendant_id}",
                                      json=payload), sent=payload)

    def via_browser(self, browser: BrowseTheWeb) -> Outcome:
        page = ResultsPage(browser.page, browser.base_url, browser.checks)
        page.expect_open_for(self.hearing_id, self.defendant_id)
        arrival = page.record(self.result)
        if not arrival.accepted:
            return Outcome(arrival.status, page.problem(), sent=self.result)
        return Outcome(200, HearingResultsPage(browser.page, browser.base_url, browser.checks).hearing(),
                       sent=self.result)

    def describe(self) -> str:
        return f"save the open result form of defendant {self.defendant_id} on hearing {self.hearing_id}"
