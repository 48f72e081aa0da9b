"""Today's court list and the case page: the user's own centre only."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_court_list_shows_todays_hearings_at_my_centre_by_courtroom(signed_in, todays_hearing):
    html = signed_in("adviser@MAG01").get("/court-list").text
    assert "<title>Today&#39;s court list – Court case platform</title>" in html
    assert "Northgate Magistrates&#39; Court" in html
    assert "Courtroom 1" in html and "Courtroom 3" in html
    assert f'href="/cases/{todays_hearing["urn"]}"' in html
    assert html.count("Record results<span") == 6


def test_only_legal_advisers_are_offered_record_results(signed_in):
    html = signed_in("viewer@MAG01").get("/court-list").text
    assert "Record results" not in html and "Work queue" not in html


def test_another_centres_case_is_not_found(signed_in, todays_hearing):
    response = signed_in("adviser@CRN01").get(f"/cases/{todays_hearing['urn']}")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_the_case_page_shows_defendants_offences_and_hearings(signed_in, todays_hearing):
    client: TestClient = signed_in("viewer@MAG01")
    html = client.get(f"/cases/{todays_hearing['urn']}").text
    defendant = todays_hearing["defendants"][0]
    assert f"{defendant['first_name']} {defendant['last_name']}" in html.replace("&#39;", "'")
    assert "Offences" in html and "First appearance" in html
    assert "There are no electronic monitoring orders for this case." in html


def test_cases_can_be_found_by_surname(signed_in):
    html = signed_in("adviser@MAG01").get("/cases?q=Evans").text
    assert "1 case matching" in html and "Siân Evans" in html
