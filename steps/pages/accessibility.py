"""Accessibility of every page the browser scenarios visit: axe-core with the WCAG 2.2 A and AA rules
(colour contrast included). A serious or critical violation fails the scenario, naming the rule and the
elements.

axe takes a few tenths of a second a page, so each distinct page is checked once per run: its address
pattern (ids and case references left out), its state (as opened, filled in, with errors) and the number
of form controls it shows. A form that reveals other fields, a queue with a re-send button, an error summary: each is new.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
# GOV.UK Frontend's conditional reveals put aria-expanded on radio inputs. axe reports it as not allowed on
# the radio role; GOV.UK keep it on purpose because screen readers announce it (alphagov/govuk-frontend
# #979, a known axe result listed in #1280). Only that exact finding is excused.
KNOWN_ISSUES = {("aria-allowed-attr", "govuk-radios__input", 'aria-expanded="')}
# Identifiers (numbers, case references) are left out: two cases' pages are the same page.
_SHAPE = """() => [
  location.pathname.replace(/[A-Z0-9]*[0-9][A-Z0-9]*/g, "#"),
  document.title.replace(/[A-Z0-9]*[0-9][A-Z0-9]*/g, "#"),
  !!document.querySelector(".govuk-error-summary"),
  [...document.querySelectorAll("input, select, textarea, button")]
    .filter(e => e.type !== "hidden" && e.offsetParent !== null).length,
].join("|")"""
_RUN = "options => axe.run(document, options)"


class AccessibilityViolation(AssertionError):
    pass


class AccessibilityCheck:
    """axe on a page, once per distinct page per run (thread-safe: one instance serves the whole run)."""

    def __init__(self) -> None:
        self._checked: set[str] = set()
        self._lock = threading.Lock()
        self.pages_checked = 0

    def __call__(self, page: Page, state: str = "") -> None:
        shape = f"{state}|{page.evaluate(_SHAPE)}"
        with self._lock:
            if shape in self._checked:
                return
            self._checked.add(shape)
            self.pages_checked += 1
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_SCRIPT)
        results = page.evaluate(_RUN, {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
        problems = []
        for violation in results["violations"]:
            if violation.get("impact") not in FAILING_IMPACTS:
                continue
            nodes = [n for n in violation["nodes"] if not _known(violation["id"], n)]
            if nodes:
                targets = "; ".join(", ".join(str(t) for t in n["target"]) for n in nodes[:5])
                more = f" and {len(nodes) - 5} more" if len(nodes) > 5 else ""
                problems.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}, at {targets}{more}")
        if problems:
            with self._lock:
                self._checked.discard(shape)  # still broken next time: every scenario that meets it fails
            path = urlsplit(page.url).path
            raise AccessibilityViolation(
                f"The page '{page.title()}' ({path}{' ' + state if state else ''}) has accessibility problems "
                "that block a release (axe, WCAG 2.2 AA):\n" + "\n".join(problems))


def _known(rule: str, node: dict) -> bool:
    html = node.get("html", "")
    return any(rule == r and re.search(re.escape(cls), html) and attr in html for r, cls, attr in KNOWN_ISSUES)
