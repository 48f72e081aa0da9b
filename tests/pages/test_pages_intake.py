"""Opening a case and listing a hearing through the pages (listing officers), and the directory pages."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from pages_support import api_token, csrf_token, error_summary

A_DEFENDANT = {
    "urn": "T0PAGES0001", "prosecutor": "Crown Prosecution Service", "defendant-count": "1",
    "defendant-1-first-name": "Gwenllïan", "defendant-1-last-name": "ferch Dafydd",
    "defendant-1-dob-day": "12", "defendant-1-dob-month": "4", "defendant-1-dob-year": "1990",
    "defendant-1-address-line1": "1 High Street", "defendant-1-address-town": "Northgate",
    "defendant-1-address-postcode": "SW1A 1AA", "defendant-1-offence-code": "TH68001",
    "defendant-1-offence-wording": "Stole a pedal cycle",
}


def open_case(client: TestClient, answers: dict, **extra):
    page = client.get("/cases/new")
    return client.post("/cases/new", data={"csrf_token": csrf_token(page.text), **answers, **extra},
                       follow_redirects=False)


def test_a_listing_officer_opens_a_case_and_the_name_is_kept_exactly(signed_in):
    client = signed_in("listing@MAG01")
    response = open_case(client, A_DEFENDANT)
    assert response.status_code == 303 and response.headers["location"] == "/cases/T0PAGES0001"
    case = client.get("/api/v1/cases/T0PAGES0001", headers=api_token(client, "listing@MAG01")).json()
    assert (case["defendants"][0]["first_name"], case["defendants"][0]["last_name"]) == ("Gwenllïan", "ferch Dafydd")
    assert case["court_centre"] == "MAG01"


def test_a_name_with_digits_is_refused_on_its_field_with_the_domains_reason(signed_in):
    client = signed_in("listing@MAG01")
    response = open_case(client, {**A_DEFENDANT, "defendant-1-first-name": "J0hn"})
    assert response.status_code == 422
    assert error_summary(response.text) == [{"href": "#defendant-1-first-name", "field": "defendants.0.first_name",
                                             "text": "Name must not contain digits"}]
    assert 'value="J0hn"' in response.text


def test_another_defendant_can_be_added_without_javascript(signed_in):
    client = signed_in("listing@MAG01")
    response = open_case(client, A_DEFENDANT, action="add-defendant")
    assert "Defendant 2" in response.text and 'value="Gwenllïan"' in response.text


def test_a_duplicate_reference_is_refused(signed_in):
    client = signed_in("listing@MAG01")
    open_case(client, A_DEFENDANT)
    response = open_case(client, A_DEFENDANT)
    assert response.status_code == 409
    assert error_summary(response.text)[0]["field"] == "urn"


def test_a_legal_adviser_cannot_open_a_case(signed_in):
    response = signed_in("adviser@MAG01").get("/cases/new")
    assert response.status_code == 403


def test_a_listing_officer_lists_a_hearing(signed_in):
    client = signed_in("listing@MAG01")
    open_case(client, A_DEFENDANT)
    page = client.get("/cases/T0PAGES0001/hearings/new")
    response = client.post("/cases/T0PAGES0001/hearings/new", follow_redirects=False, data={
        "csrf_token": csrf_token(page.text), "hearing-type": "TRIAL", "courtroom": "2",
        "hearing-date-day": "3", "hearing-date-month": "2", "hearing-date-year": "2037", "hearing-time": "14:30"})
    assert response.status_code == 303
    hearing_id = re.fullmatch(r"/cases/T0PAGES0001#hearing-(\d+)", response.headers["location"]).group(1)
    hearing = client.get(f"/api/v1/hearings/{hearing_id}", headers=api_token(client, "listing@MAG01")).json()
    assert (hearing["type"], hearing["courtroom"], hearing["starts_at"]) == ("TRIAL", "2", "2037-02-03T14:30:00Z")


def test_listing_needs_a_type_and_a_date(signed_in):
    client = signed_in("listing@MAG01")
    open_case(client, A_DEFENDANT)
    page = client.get("/cases/T0PAGES0001/hearings/new")
    response = client.post("/cases/T0PAGES0001/hearings/new", data={"csrf_token": csrf_token(page.text),
                                                                     "courtroom": "2", "hearing-time": "10:00"})
    assert response.status_code == 422
    assert [e["href"] for e in error_summary(response.text)] == ["#hearing-date-day"]


def test_court_centres_and_audit_trail_pages(signed_in, todays_hearing):
    client = signed_in("admin@MAG01")
    assert "Eastminster Crown Court" in client.get("/court-centres").text
    assert "Audit trail" in client.get(f"/cases/{todays_hearing['urn']}/audit").text
    assert client.get("/cases/NOSUCHCASE1/audit").status_code == 404


def test_another_centres_audit_trail_is_not_found(signed_in, todays_hearing):
    assert signed_in("admin@MAG02").get(f"/cases/{todays_hearing['urn']}/audit").status_code == 404


def test_the_audit_trail_is_for_court_admins_only(signed_in, todays_hearing):
    assert signed_in("viewer@MAG01").get(f"/cases/{todays_hearing['urn']}/audit").status_code == 403
