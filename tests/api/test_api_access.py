"""Who may see and do what over the API: one court centre's cases, role checks, and a token for everything."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.security


@pytest.fixture(scope="module")
def northgate_case(court):
    """A MAG01 case with a hearing, which Southbridge (MAG02) users must not be able to see."""
    case, hearing = court.case_with_hearing()
    return case, hearing


def test_a_user_of_another_court_centre_gets_not_found_for_the_case_and_its_hearing(court, northgate_case):
    case, hearing = northgate_case

    assert court.get(f"/api/v1/cases/{case['urn']}", "adviser@MAG02").status_code == 404
    assert court.get(f"/api/v1/hearings/{hearing['id']}", "adviser@MAG02").status_code == 404
    assert court.get(f"/api/v1/cases/{case['urn']}", "adviser@MAG01").status_code == 200


def test_another_centres_case_is_indistinguishable_from_a_missing_one(court, northgate_case, urn):
    case, _hearing = northgate_case

    elsewhere = court.get(f"/api/v1/cases/{case['urn']}", "adviser@MAG02")
    missing = court.get(f"/api/v1/cases/{urn}", "adviser@MAG02")

    assert (elsewhere.status_code, missing.status_code) == (404, 404)
    assert elsewhere.text.replace(case["urn"], "<urn>") == missing.text.replace(urn, "<urn>")


def test_another_centres_case_cannot_be_listed_for_a_hearing_or_resulted(court, northgate_case):
    case, hearing = northgate_case
    defendant = case["defendants"][0]["id"]

    listed = court.post(f"/api/v1/cases/{case['urn']}/hearings", "listing@MAG02", court.hearing())
    drafted = court.put(f"/api/v1/hearings/{hearing['id']}/results/{defendant}", "adviser@MAG02",
                        court.remand_in_custody(hearing["version"]))

    assert (listed.status_code, drafted.status_code) == (404, 404)


def test_an_agency_viewer_may_not_create_a_case(court):
    response = court.post("/api/v1/cases", "viewer@MAG01", court.case())

    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_legal_adviser_may_not_read_the_work_queue(court):
    assert court.get("/api/v1/work-queue", "adviser@MAG01").status_code == 403


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic YWRtaW46YWRtaW4="])
def test_a_request_without_a_valid_token_is_unauthorised(court, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = court.http.get(f"{court.platform.base_url}/api/v1/cases", headers=headers)

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_wrong_password_is_unauthorised(court):
    response = court.http.post(f"{court.platform.base_url}/api/v1/auth/token",
                               json={"username": "viewer@CRN01", "password": "not-the-password"})

    assert response.status_code == 401
