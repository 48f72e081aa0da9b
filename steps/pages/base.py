"""What every page object shares: the actor's browser tab, arriving at a page (every page is checked for
accessibility on arrival), submitting a form, and reading a GOV.UK error summary back into the contract's
dotted field paths."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, Response, expect

SERVICE = "Court case platform"
SIGN_IN_PATH = "/sign-in"


class Checks(Protocol):
    """What happens on every page a scenario visits: the accessibility check, and the report's screenshots."""

    def audit(self, page: Page, state: str = "") -> None: ...

    def snapshot(self, page: Page, name: str) -> None: ...


@dataclass(frozen=True)
class Arrival:
    """How the platform answered a navigation: the status of its first answer, and where the tab ended up.

    A form that is accepted answers 303 and leads to the next page; a refused one answers 4xx itself; a page
    that needs signing in answers 303 to the sign-in page."""

    status: int
    path: str

    @property
    def needs_sign_in(self) -> bool:
        return self.path == SIGN_IN_PATH and self.status in (302, 303, 307)

    @property
    def accepted(self) -> bool:
        return not self.needs_sign_in and self.status < 400


class PageObject:
    """A page of the platform in one actor's browser tab."""

    #: the page's title before " – Court case platform" (a regular expression), checked on arrival
    title: str = ""

    def __init__(self, page: Page, base_url: str, checks: Checks):
        self.page = page
        self.base_url = base_url.rstrip("/")
        self._checks = checks

    # --- arriving ---------------------------------------------------------------------------------------

    def _goto(self, path: str) -> Arrival:
        """Open the page by its address; refusals (403, 404, sign in) are pages too, and are checked."""
        arrival = self._arrival(self.page.goto(self.base_url + path))
        if arrival.status == 200:
            expect(self.page).to_have_title(re.compile(rf"^(Error: )?{self.title} – {SERVICE}$"))
        self._checks.audit(self.page)
        return arrival

    def _submit(self, button: Locator) -> Arrival:
        """Press a form's button and check the page it leads to (the next page, or the form with errors)."""
        self._checks.audit(self.page, "filled in")
        with self.page.expect_navigation() as navigation:
            button.click()
        arrival = self._arrival(navigation.value)
        self._checks.audit(self.page)
        return arrival

    def _follow(self, link: Locator) -> Arrival:
        """Follow a link to another page and check that page."""
        with self.page.expect_navigation() as navigation:
            link.click()
        arrival = self._arrival(navigation.value)
        self._checks.audit(self.page)
        return arrival

    def _arrival(self, response: Response | None) -> Arrival:
        path = urlsplit(self.page.url).path
        if response is None:
            return Arrival(200, path)
        first = response.request
        while first.redirected_from is not None:
            first = first.redirected_from
        answer = first.response()
        return Arrival(answer.status if answer is not None else response.status, path)

    def _snapshot(self, name: str) -> None:
        self._checks.snapshot(self.page, name)

    # --- what a page says -------------------------------------------------------------------------------

    def field_errors(self) -> dict[str, list[str]]:
        """The error summary as {field path: [messages]}: each link says which field its message is about."""
        summary = self.page.get_by_role("alert").filter(
            has=self.page.get_by_role("heading", name="There is a problem"))
        if summary.count() == 0:
            return {}
        found: dict[str, list[str]] = {}
        for link in summary.get_by_role("link").all():
            field = link.get_attribute("data-field") or (link.get_attribute("href") or "#").lstrip("#")
            found.setdefault(field, []).append(link.inner_text().strip())
        return found

    def problem(self) -> dict[str, object]:
        """A refusal as the API would put it: a title and the field errors (`errors`: field and message)."""
        errors = [{"field": field, "message": message}
                  for field, messages in self.field_errors().items() for message in messages]
        heading = self.page.get_by_role("heading", level=1)
        return {"title": heading.first.inner_text().strip() if heading.count() else self.page.title(),
                "errors": errors}

    def notification(self) -> str | None:
        """The message a page shows after an action (a GOV.UK notification banner), if any."""
        banner = self.page.locator(".govuk-notification-banner__content")
        return banner.inner_text().strip() if banner.count() else None


# One round trip per table: each body row as its id, data-* attributes, and per cell the text, the badges and
# the machine-readable moment of a <time>.
_ROWS = """table => [...table.tBodies].flatMap(body => [...body.rows]).map(row => ({
  id: row.id, data: {...row.dataset},
  cells: [...row.cells].map(cell => ({
    text: cell.innerText.trim(),
    badges: [...cell.querySelectorAll(".moj-badge")].map(b => b.innerText.trim()),
    time: cell.querySelector("time") ? cell.querySelector("time").getAttribute("datetime") : null,
    detail: cell.querySelector("p") ? cell.querySelector("p").innerText.trim() : null,
  })),
}))"""


def table_rows(table: Locator) -> list[dict]:
    """The body rows of a table, read in one go (see _ROWS); none when the page has no such table."""
    if table.count() == 0:
        return []
    return table.first.evaluate(_ROWS)


def iso(value: str | None) -> str | None:
    return datetime.fromisoformat(value).isoformat() if value else None


def moment(element: Locator) -> str | None:
    """The machine-readable moment of a <time> element (ISO 8601 with offset), or None when there is none."""
    times = element.locator("time")
    if times.count() == 0:
        return None
    value = times.first.get_attribute("datetime")
    return datetime.fromisoformat(value).isoformat() if value else None


def summary_rows(container: Locator) -> dict[str, str]:
    """A GOV.UK summary list as {question: answer}."""
    keys = container.locator(".govuk-summary-list__key").all_inner_texts()
    values = container.locator(".govuk-summary-list__value").all_inner_texts()
    return {k.strip(): " ".join(v.split()) for k, v in zip(keys, values, strict=True)}


def summary_value(container: Locator, key: str) -> Locator:
    """The answer cell of one summary-list row (to read a <time> or a badge in it)."""
    row = container.locator(".govuk-summary-list__row").filter(
        has=container.page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$")))
    return row.locator(".govuk-summary-list__value")
