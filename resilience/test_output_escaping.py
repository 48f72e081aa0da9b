"""Output escaping, proven in a real browser: markup typed into fields that allow it (the prosecutor, an
offence's wording, address lines) is shown as the text it is, and nothing in it runs.

Names cannot carry markup (the name rules refuse it), so the hostile text goes where the court's rules let
any characters through. Chromium is the system's (CHROMIUM_PATH, else `chromium` on PATH).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from fixtures.builders import a_defendant, an_address, an_offence
from resilience.access_matrix import HOME
from resilience.conftest import Target
from resilience.court import PASSWORD, Court

pytestmark = pytest.mark.full

PROSECUTOR = '<img src=x onerror="window.__pwned=1;alert(1)">Crown Prosecution Service'
WORDING = "</script><script>window.__pwned=2;alert(2)</script>Stole a <b>pedal</b> cycle"
LINE1 = '1 High Street"><svg onload="window.__pwned=3;alert(3)">'
LINE2 = "{{ 7 * 7 }} & <iframe src=javascript:alert(4)>"


def chromium() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    path = chromium()
    if path is None:
        pytest.skip("no Chromium on this machine (set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--disable-gpu", "--disable-quic"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def hostile_case(target_court: Court) -> dict:
    court = target_court
    today = court.today()
    defendant = a_defendant("Robin", "Hostile", address=an_address(line1=LINE1, line2=LINE2),
                            offences=[an_offence(wording=WORDING)])
    prepared = court.prepare(today, HOME, **{"prosecutor": PROSECUTOR, "defendants": [defendant]})
    return {"urn": prepared.urn, "hearing_id": prepared.hearing_id, "defendant_id": prepared.defendant_id}


@pytest.mark.scenario("output_escaping")
@pytest.mark.parametrize("page_of", ["case", "record result", "check results"])
def test_markup_in_court_data_is_shown_as_text_and_never_runs(browser, target: Target, hostile_case: dict,
                                                               page_of: str):
    paths = {"case": f"/cases/{hostile_case['urn']}",
             "record result": f"/hearings/{hostile_case['hearing_id']}/results/{hostile_case['defendant_id']}",
             "check results": f"/hearings/{hostile_case['hearing_id']}/results"}
    context = browser.new_context(base_url=target.base_url)
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("/sign-in")
        page.get_by_label("Username").fill(f"adviser@{HOME}")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/court-list**")
        page.goto(paths[page_of])
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # time for an injected handler to fire, were there one
        text = page.locator("main").inner_text()
        pwned = page.evaluate("() => window.__pwned")
        injected = page.locator("main img[src='x'], main svg[onload], main iframe, main b").count()
    finally:
        context.close()
    assert dialogs == [] and pwned is None, f"script ran: dialogs {dialogs}, window.__pwned={pwned}"
    assert injected == 0, "markup from the data became elements"
    shown = {"case": [PROSECUTOR, WORDING, "1 High Street\"><svg", "{{ 7 * 7 }} & <iframe"],
             "record result": [WORDING, "1 High Street\"><svg"],
             "check results": []}[page_of]
    missing = [s for s in shown if s not in text]
    assert not missing, f"not shown literally on the {page_of} page: {missing}"
