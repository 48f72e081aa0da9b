"""Bad input is the user's mistake, not the server's: a 4xx problem+json naming the field, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest


@pytest.fixture(scope="module")
def listed(court):
    """A case with one defendant and a hearing listed for today, shared by this module's refusals."""
    case, hearing = court.case_with_hearing()
    return case, hearing


def assert_refused(response, field: str) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    problem = response.json()
    assert problem["status"] == response.status_code
    assert field in [e["field"] for e in problem["errors"]], problem


def test_a_twenty_one_hour_curfew_is_refused_on_its_end_time(court, listed):
    case, hearing = listed
    body = court.bail_with_curfew(hearing["version"], start_time="19:00", end_time="16:00")

    response = court.put(f"/api/v1/hearings/{hearing['id']}/results/{case['defendants'][0]['id']}", "adviser@MAG01", body)

    assert_refused(response, "curfew.end_time")
    assert response.status_code == 422


def test_a_curfew_ending_before_it_starts_is_refused_on_its_end_date(court, listed):
    case, hearing = listed
    yesterday = (court.today() - timedelta(days=1)).isoformat()
    body = court.bail_with_curfew(hearing["version"], ends_on=yesterday)

    response = court.put(f"/api/v1/hearings/{hearing['id']}/results/{case['defendants'][0]['id']}", "adviser@MAG01", body)

    assert_refused(response, "curfew.ends_on")


def test_a_curfew_without_an_address_is_refused_on_the_address(court, listed):
    case, hearing = listed
    body = court.bail_with_curfew(hearing["version"])
    del body["curfew"]["address"]

    response = court.put(f"/api/v1/hearings/{hearing['id']}/results/{case['defendants'][0]['id']}", "adviser@MAG01", body)

    assert_refused(response, "curfew.address")


def test_a_malformed_next_hearing_date_is_refused_on_that_date(court, listed):
    case, hearing = listed
    body = court.bail_with_curfew(hearing["version"]) | {"next_hearing": {"date": "2026-13-45"}}

    response = court.put(f"/api/v1/hearings/{hearing['id']}/results/{case['defendants'][0]['id']}", "adviser@MAG01", body)

    assert_refused(response, "next_hearing.date")


def test_a_malformed_date_of_birth_is_refused_on_that_defendants_field(court):
    defendant = court.defendant("Christopher", "Adams") | {"date_of_birth": "2026-13-45"}

    response = court.post("/api/v1/cases", "listing@MAG01", court.case(defendant))

    assert_refused(response, "defendants.0.date_of_birth")


def test_a_name_with_digits_is_refused_on_that_defendants_name(court):
    response = court.post("/api/v1/cases", "listing@MAG01", court.case(court.defendant("Chr1stopher", "Adams")))

    assert_refused(response, "defendants.0.first_name")


def test_a_malformed_date_in_the_court_list_query_is_refused_on_that_parameter(court):
    response = court.get("/api/v1/hearings", "adviser@MAG01", date="2026-13-45")

    assert_refused(response, "date")


def test_an_unknown_hearing_type_is_refused_on_the_type(court, listed):
    case, _hearing = listed

    response = court.post(f"/api/v1/cases/{case['urn']}/hearings", "listing@MAG01",
                          court.hearing() | {"type": "TRIAL_BY_COMBAT"})

    assert_refused(response, "type")


def test_an_unknown_field_is_refused_by_name(court, listed):
    case, hearing = listed
    body = court.remand_in_custody(hearing["version"]) | {"colour_of_tag": "green"}

    response = court.put(f"/api/v1/hearings/{hearing['id']}/results/{case['defendants'][0]['id']}", "adviser@MAG01", body)

    assert_refused(response, "colour_of_tag")


def test_a_body_that_is_not_json_is_refused(court, listed):
    _case, hearing = listed

    response = court.http.post(f"{court.platform.base_url}/api/v1/hearings/{hearing['id']}/share",
                               content=b'{"version": 1,,', headers={**court.headers("adviser@MAG01"),
                                                                    "Content-Type": "application/json"})

    assert_refused(response, "body")


def test_refused_drafts_leave_the_hearing_as_it_was(court, listed):
    _case, hearing = listed

    after = court.get(f"/api/v1/hearings/{hearing['id']}", "adviser@MAG01").json()

    assert (after["version"], after["results"]) == (hearing["version"], [])
