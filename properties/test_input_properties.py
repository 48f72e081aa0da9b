"""Properties of single inputs at the API: every valid name, address and date of birth is accepted and reads
back exactly; every malformed date and every curfew outside the law's limits is refused with a field error
(a 4xx), never a server error."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st

from fixtures import strategies as s
from properties.evidence import Evidence
from properties.world import World

CENTRE = "MAG01"
HEARING_DAY = date(2027, 10, 29)   # the Friday before the autumn clock change


@pytest.fixture(scope="module")
def a_hearing(world: World) -> dict[str, Any]:
    """One listed hearing with one defendant, on which drafts are attempted (none is ever accepted)."""
    case = _plain_case()
    created = world.expect(201, "POST", "/api/v1/cases", role="listing", centre=CENTRE, json_body=case)
    hearing = world.expect(201, "POST", f"/api/v1/cases/{case['urn']}/hearings", role="listing", centre=CENTRE,
                           json_body={"type": "FIRST_APPEARANCE", "courtroom": "1",
                                      "starts_at": s.london_iso(HEARING_DAY, time(10))})
    return {"id": hearing["id"], "defendant": created["defendants"][0]["id"], "version": hearing["version"]}


def _plain_case() -> dict[str, Any]:
    return {"urn": "Q" + uuid.uuid4().hex[:13].upper(), "court_centre": CENTRE, "prosecutor": "Crown Prosecution Service",
            "defendants": [{"first_name": "Christopher", "last_name": "O'Brien", "date_of_birth": "1990-04-12",
                            "address": {"line1": "1 High Street", "line2": None, "town": None, "postcode": "SW1A 1AA"},
                            "pnc_id": None, "offences": [{"code": "TH68001", "wording": "Theft from a shop"}]}]}


@given(case=s.cases(court_centres=(CENTRE,)))
def test_a_valid_case_is_accepted_and_reads_back_exactly(world: World, evidence: Evidence, case: dict[str, Any]) -> None:
    evidence.input_examples += 1
    case = {**case, "urn": "Q" + uuid.uuid4().hex[:13].upper()}
    exchange = world.call("POST", "/api/v1/cases", role="listing", centre=CENTRE, json_body=case)
    assert exchange.status == 201, f"a valid case was refused: {exchange}"
    reads = world.expect(200, "GET", f"/api/v1/cases/{case['urn']}", role="listing", centre=CENTRE)
    for sent, got in zip(case["defendants"], reads["defendants"], strict=True):
        expected = {**sent, "address": {**sent["address"], "postcode": s.canonical_postcode(sent["address"]["postcode"])}}
        assert {k: got[k] for k in expected} == expected, f"changed after saving: sent {expected}, reads {got}"


@given(value=s.malformed_dates(), where=st.sampled_from(("date_of_birth", "next_hearing.date", "curfew.ends_on",
                                                         "curfew.starts_at", "exclusion_zone.starts_on",
                                                         "court list date")))
def test_a_malformed_date_is_refused_with_a_field_error(world: World, evidence: Evidence, a_hearing: dict[str, Any],
                                                         value: Any, where: str) -> None:
    assume(not (where == "curfew.starts_at" and _a_date_time(value)))  # a malformed date can be a fine date-time
    evidence.input_examples += 1
    if where == "date_of_birth":
        case = _plain_case()
        case["defendants"][0]["date_of_birth"] = value
        exchange = world.call("POST", "/api/v1/cases", role="listing", centre=CENTRE, json_body=case)
    elif where == "court list date":
        exchange = world.call("GET", "/api/v1/hearings", role="listing", centre=CENTRE, params={"date": value})
    else:
        result = _bail_with_curfew_and_zone()
        part, field = where.split(".")
        result[part] = {**result[part], field: value}
        exchange = world.call("PUT", f"/api/v1/hearings/{a_hearing['id']}/results/{a_hearing['defendant']}",
                              role="adviser", centre=CENTRE, json_body={"version": a_hearing["version"], **result})
        if exchange.status == 200:
            a_hearing["version"] = exchange.body["version"]
    note(f"answer: {exchange}")
    assert 400 <= exchange.status < 500, f"the malformed date {value!r} in {where} was not refused: {exchange}"
    if exchange.status == 422:
        fields = [e["field"] for e in exchange.body.get("errors", [])]
        expected = "date" if where == "court list date" else where.split(".")[-1]
        assert any(f.endswith(expected) for f in fields), f"no field error for {where}: {exchange}"


@given(window=s.out_of_range_curfew_windows(), outcome=st.sampled_from(("ADJOURNED_CONDITIONAL_BAIL", "COMMUNITY_ORDER")))
def test_a_curfew_outside_two_to_twenty_hours_a_day_is_refused(world: World, evidence: Evidence,
                                                                 a_hearing: dict[str, Any], window: dict[str, str],
                                                                 outcome: str) -> None:
    evidence.input_examples += 1
    result = _bail_with_curfew_and_zone()
    result["curfew"].update(window)
    if outcome == "COMMUNITY_ORDER":
        result.update(outcome=outcome, next_hearing=None, order_length_months=12)
    exchange = world.call("PUT", f"/api/v1/hearings/{a_hearing['id']}/results/{a_hearing['defendant']}",
                          role="adviser", centre=CENTRE, json_body={"version": a_hearing["version"], **result})
    if exchange.status == 200:
        a_hearing["version"] = exchange.body["version"]
    assert exchange.status == 422, f"a curfew of {window['start_time']}-{window['end_time']} was not refused: {exchange}"
    assert any(e["field"].startswith("curfew.") for e in exchange.body["errors"]), exchange


def _bail_with_curfew_and_zone() -> dict[str, Any]:
    return {
        "outcome": "ADJOURNED_CONDITIONAL_BAIL", "next_hearing": {"date": "2027-11-26"}, "order_length_months": None,
        "curfew": {"address": {"line1": "1 High Street", "line2": None, "town": None, "postcode": "SW1A 1AA"},
                   "start_time": "19:00", "end_time": "07:00", "days": None, "starts_at": "2027-10-30T19:00:00+01:00",
                   "ends_on": None, "electronically_monitored": True},
        "exclusion_zone": {"description": "Must not enter Northgate town centre", "starts_on": "2027-10-30",
                           "ends_on": None, "electronically_monitored": True},
    }


def _a_date_time(value: Any) -> bool:
    if not isinstance(value, str) or len(value) < 16 or value[10] not in "T ":
        return False
    try:
        return 1900 <= datetime.fromisoformat(value).year <= 2999
    except ValueError:
        return False
