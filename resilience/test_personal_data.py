"""No personal data in logs or evidence: the platform's and the provider's output over the whole session
(crashes, outages, rejections and refused input included) holds no defendant's name, date of birth or
address; nor does the evidence the earlier suites of this gate run left behind.

These run last (see conftest), so that they read everything the other scenarios made the processes write.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from fixtures.builders import a_case, a_curfew, a_defendant, a_hearing, an_address, bail_with_curfew, london
from resilience.access_matrix import HOME
from resilience.conftest import PRODUCTION_PASSWORD, Target
from resilience.court import Court, Prepared
from resilience.evidence import Evidence
from resilience.observe import drain
from resilience.processes import ROOT, Stack

PERSON = a_defendant("Zebedee", "Quaglioni-Marchetti", date_of_birth="1971-03-09",
                     address=an_address(line1="17 Wobblegate Lane", line2="Flat 3B", town="Northgate",
                                        postcode="NG7 2RD"))
# What every defendant the suite creates carries unless told otherwise (fixtures.builders' defaults).
BUILDER_DEFAULTS = ["Alex Taylor", "1990-04-12", "1 High Street", "SW1A 1AA"]
PERSONAL = [f"{PERSON['first_name']} {PERSON['last_name']}", PERSON["last_name"], PERSON["date_of_birth"],
            PERSON["address"]["line1"], PERSON["address"]["postcode"], *BUILDER_DEFAULTS]


def a_day_in_court(court: Court, today: date, faults: bool) -> None:
    """Open the case (once with a wrong postcode), list, draft, share; deliver through provider faults."""
    refused = court.call(f"listing@{HOME}", "POST", "/api/v1/cases", json=a_case(
        court_centre=HOME, defendants=[{**PERSON, "address": {**PERSON["address"], "postcode": "NOT A POSTCODE"}}]))
    assert refused.status_code == 422
    refused = court.call(f"listing@{HOME}", "POST", "/api/v1/cases", json={**a_case(court_centre=HOME), "defendants": [
        {**PERSON, "date_of_birth": "09/03/1971"}]})
    assert refused.status_code == 422
    prepared = []
    for fault in ([{"mode": "reject", "count": 1, "target": "orders"}, {"mode": "lose-response", "count": 1},
                   {"mode": "outage", "seconds": 1}] if faults else [None]):
        if fault:
            court.fault(**fault)
        body = a_case(court_centre=HOME, defendants=[PERSON])
        case = court.ok(f"listing@{HOME}", "POST", "/api/v1/cases", json=body)
        hearing = court.ok(f"listing@{HOME}", "POST", f"/api/v1/cases/{body['urn']}/hearings",
                           json=a_hearing(starts_at=london(today, "10:00")))
        curfew = a_curfew("19:00", "07:00", starts_at=london(today + timedelta(days=1), "19:00"),
                          address=PERSON["address"])
        defendant = case["defendants"][0]["id"]
        drafted = court.ok(f"adviser@{HOME}", "PUT", f"/api/v1/hearings/{hearing['id']}/results/{defendant}",
                           json={**bail_with_curfew(curfew), "version": hearing["version"]})
        p = Prepared(body["urn"], hearing["id"], defendant, drafted["version"], HOME)
        assert court.share(p).answer == "ok"
        prepared.append(p)
        if fault and fault["mode"] == "reject":
            time.sleep(1.5)
            for order in court.orders_of(p.urn):
                if order["status"] == "REJECTED":
                    court.ok(f"admin@{HOME}", "POST", f"/api/v1/em-orders/{order['id']}/resend")
    drain(court, prepared, 30)
    if faults:
        court.clear_faults()


def _found(text: str) -> list[str]:
    return [value for value in PERSONAL if value in text]


@pytest.mark.last
@pytest.mark.scenario("personal_data")
def test_no_personal_data_in_the_output_of_the_platform_or_the_provider(stack: Stack, court: Court, today: date,
                                                                         production_stack: Stack, evidence: Evidence):
    a_day_in_court(court, today, faults=True)
    production = Court(production_stack.platform.url, production_stack.provider.url, password=PRODUCTION_PASSWORD)
    a_day_in_court(production, production.today(), faults=False)
    production.close()
    logs = {service.log.name: service.log.read_text(errors="replace")
            for s in (stack, production_stack) for service in (s.platform, s.provider)}
    leaks = {name: _found(text) for name, text in logs.items() if _found(text)}
    evidence.scenario("personal_data", logs_checked=sorted(logs), log_bytes=sum(len(t) for t in logs.values()),
                      leaks=leaks)
    assert not leaks, f"personal data in the logs: {leaks}"


@pytest.mark.last
@pytest.mark.scenario("gate_evidence_redaction")
def test_the_evidence_earlier_suites_of_this_gate_run_left_holds_no_defendants_details(
        target: Target, evidence: Evidence):
    """Inside a gate run, the other suites' evidence sits beside ours; the run's defendants are on the target."""
    inside_gate = evidence.folder.parent.name == "evidence" and (evidence.folder.parent.parent / "evidence").is_dir()
    siblings = [d for d in evidence.folder.parent.iterdir() if d.is_dir() and d != evidence.folder] \
        if inside_gate else []
    allure = evidence.folder.parent.parent / "allure-results"
    files = [f for d in siblings + ([allure] if inside_gate and allure.is_dir() else []) for f in d.rglob("*")
             if f.is_file() and f.suffix in (".xml", ".json", ".log", ".txt", ".md") and f.stat().st_size < 50_000_000]
    if not files:
        pytest.skip("not inside a gate run: no other suite's evidence beside this suite's")
    details = defendants_details(Court(target.base_url, target.provider_url))
    spec = "\n".join(p.read_text(errors="replace") for p in (ROOT / "features").rglob("*.feature"))
    wanted = {d for d in details if len(d) >= 6 and not _in_the_spec(d, spec)}
    leaks = {}
    for path in files:
        text = path.read_text(errors="replace")
        found = sorted(d for d in wanted if d in text)
        if found:
            leaks[str(path.relative_to(evidence.folder.parent.parent))] = found[:5]
    evidence.scenario("gate_evidence_redaction", files_checked=len(files), details_checked=len(wanted), leaks=leaks)
    assert not leaks, f"defendants' details in the gate's evidence: {leaks}"


def _in_the_spec(detail: str, spec: str) -> bool:
    """What the feature files show is the spec, not personal data: a detail written there, or a full name whose
    parts are (an outline's examples give first and last names apart; its title puts them together)."""
    return detail in spec or all(part in spec for part in detail.split())


def defendants_details(court: Court) -> set[str]:
    """Every defendant's full name, date of birth, first address line and postcode on the platform."""
    details: set[str] = set()
    for centre in ("MAG01", "MAG02", "CRN01"):
        page = 1
        while True:
            body = court.ok(f"viewer@{centre}", "GET", "/api/v1/cases",
                            params={"court_centre": centre, "page": page, "page_size": 100})
            for case in body["items"]:
                for d in case.get("defendants", []):
                    details |= {f"{d['first_name']} {d['last_name']}", str(d.get("date_of_birth") or ""),
                                (d.get("address") or {}).get("line1") or "", (d.get("address") or {}).get("postcode")
                                or ""}
            if page * 100 >= body["total"] or not body["items"]:
                break
            page += 1
    return {d for d in details if d}
