"""Recording results through the pages without JavaScript: the same use cases and rules as the API,
domain errors on the fields they name, check your answers, sharing, and a stale save refused."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from pages_support import api_token, csrf_token, error_summary

BAIL_WITH_CURFEW = {
    "outcome": "ADJOURNED_CONDITIONAL_BAIL",
    "bail-next-hearing-day": "11", "bail-next-hearing-month": "12", "bail-next-hearing-year": "2036",
    "bail-requirements": "curfew",
    "bail-curfew-start": "19:00", "bail-curfew-end": "07:00",
    "bail-curfew-address-line1": "1 Court Street", "bail-curfew-address-town": "Northgate",
    "bail-curfew-address-postcode": "NG1 1AA",
    "bail-curfew-starts-day": "1", "bail-curfew-starts-month": "12", "bail-curfew-starts-year": "2036",
    "bail-curfew-starts-time": "17:00", "bail-curfew-em": "yes",
}


@pytest.fixture
def adviser(signed_in) -> TestClient:
    return signed_in("adviser@MAG01")


def form_page(client: TestClient, hearing: dict) -> tuple[str, str]:
    url = f"/hearings/{hearing['id']}/results/{hearing['defendants'][0]['id']}"
    return url, client.get(url).text


def submit(client: TestClient, url: str, page: str, answers: dict, **extra):
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    return client.post(url, data={"csrf_token": csrf_token(page), "version": version, "action": "continue",
                                  **answers, **extra}, follow_redirects=False)


def test_a_bail_result_with_a_curfew_is_stored_exactly_as_the_api_stores_it(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    response = submit(adviser, url, page, BAIL_WITH_CURFEW)
    assert response.status_code == 303
    assert response.headers["location"] == f"/hearings/{todays_hearing['id']}/results"

    stored = adviser.get(f"/api/v1/hearings/{todays_hearing['id']}", headers=api_token(adviser, "adviser@MAG01")).json()
    result = stored["results"][0]
    assert result["status"] == "DRAFT"
    assert result["outcome"] == "ADJOURNED_CONDITIONAL_BAIL"
    assert result["next_hearing"] == {"date": "2036-12-11"}
    assert result["curfew"] == {
        "address": {"line1": "1 Court Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"},
        "start_time": "19:00", "end_time": "07:00", "days": None, "starts_at": "2036-12-01T17:00:00+00:00",
        "ends_on": None, "electronically_monitored": True,
    }
    assert result["exclusion_zone"] is None


def test_check_your_answers_then_share_creates_the_em_order(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    submit(adviser, url, page, BAIL_WITH_CURFEW)
    check = adviser.get(f"/hearings/{todays_hearing['id']}/results")
    assert "<title>Check the results before sharing – Court case platform</title>" in check.text
    assert "19:00 to 07:00" in check.text and "1 Court Street, Northgate, NG1 1AA" in check.text

    version = re.search(r'name="version" value="(\d+)"', check.text).group(1)
    shared = adviser.post(f"/hearings/{todays_hearing['id']}/share",
                          data={"csrf_token": csrf_token(check.text), "version": version})
    assert shared.url.path == f"/hearings/{todays_hearing['id']}/shared"
    assert "Results shared" in shared.text
    orders = adviser.get(f"/api/v1/em-orders?urn={todays_hearing['urn']}",
                         headers=api_token(adviser, "adviser@MAG01")).json()
    assert [o["kind"] for o in orders["items"]] == ["NEW"]
    case = adviser.get(f"/cases/{todays_hearing['urn']}").text
    assert "Electronic monitoring orders" in case and "Not yet acknowledged" in case


def test_a_curfew_over_twenty_hours_is_refused_on_the_end_time_field(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    response = submit(adviser, url, page, {**BAIL_WITH_CURFEW, "bail-curfew-end": "16:00"})
    assert response.status_code == 422
    html = response.text
    assert "<title>Error: Record results – Court case platform</title>" in html
    assert error_summary(html) == [{"href": "#bail-curfew-end", "field": "curfew.end_time",
                                    "text": "A curfew can be no more than 20 hours a day (this one is 21 hours)"}]
    assert re.search(r'<p id="bail-curfew-end-error" class="govuk-error-message">\s*'
                     r'<span class="govuk-visually-hidden">Error:</span> A curfew can be no more', html)
    assert 'aria-describedby="bail-curfew-end-hint bail-curfew-end-error"' in html
    assert 'value="16:00"' in html and 'value="1 Court Street"' in html  # what was typed is kept


def test_a_missing_outcome_and_a_bad_date_are_named_in_the_error_summary(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    assert error_summary(submit(adviser, url, page, {}).text) == [
        {"href": "#outcome", "field": "outcome", "text": "Select the outcome of the hearing for this defendant"}]
    response = submit(adviser, url, page, {**BAIL_WITH_CURFEW, "bail-next-hearing-day": "31",
                                           "bail-next-hearing-month": "2"})
    assert response.status_code == 422
    assert error_summary(response.text) == [{"href": "#bail-next-hearing-day", "field": "next_hearing.date",
                                             "text": "The date of the next hearing must be a real date"}]


def test_a_domain_rule_refusal_is_the_same_message_as_the_api_gives(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    page_answer = submit(adviser, url, page, {**BAIL_WITH_CURFEW, "bail-curfew-address-postcode": "NOT A POSTCODE"})
    api_answer = adviser.put(
        f"/api/v1/hearings/{todays_hearing['id']}/results/{todays_hearing['defendants'][0]['id']}",
        headers=api_token(adviser, "adviser@MAG01"),
        json={"version": todays_hearing["version"], "outcome": "ADJOURNED_CONDITIONAL_BAIL", "curfew": {
            "address": {"line1": "1 Court Street", "postcode": "NOT A POSTCODE"}, "start_time": "19:00",
            "end_time": "07:00", "starts_at": "2036-12-01T17:00:00+00:00", "electronically_monitored": True}})
    message = next(e["message"] for e in api_answer.json()["errors"] if e["field"] == "curfew.address.postcode")
    assert {"href": "#bail-curfew-address-postcode", "field": "curfew.address.postcode", "text": message} in error_summary(
        page_answer.text)


def test_a_stale_save_is_refused_and_keeps_the_users_answers(adviser: TestClient, todays_hearing):
    url, page_before = form_page(adviser, todays_hearing)
    first = submit(adviser, url, page_before, BAIL_WITH_CURFEW)
    assert first.status_code == 303

    second = submit(adviser, url, page_before, {"outcome": "FINE"})
    assert second.status_code == 409
    assert "This hearing was changed by someone else" in second.text
    assert 'data-field="version"' in second.text
    assert re.search(r'value="FINE"\s+checked', second.text)  # the second user's answer is still on screen
    assert "What is saved now" in second.text and "Adjourned – conditional bail" in second.text

    stored = adviser.get(f"/api/v1/hearings/{todays_hearing['id']}", headers=api_token(adviser, "adviser@MAG01")).json()
    assert stored["results"][0]["outcome"] == "ADJOURNED_CONDITIONAL_BAIL"  # nothing of the first is lost


def test_a_stale_share_is_refused_with_a_clear_message(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    submit(adviser, url, page, BAIL_WITH_CURFEW)
    check = adviser.get(f"/hearings/{todays_hearing['id']}/results").text
    url, page = form_page(adviser, todays_hearing)
    submit(adviser, url, page, {**BAIL_WITH_CURFEW, "bail-curfew-start": "20:00"})
    stale = re.search(r'name="version" value="(\d+)"', check).group(1)
    response = adviser.post(f"/hearings/{todays_hearing['id']}/share", data={"csrf_token": csrf_token(check), "version": stale})
    assert response.status_code == 409
    assert "This hearing was changed by someone else after you opened this page, so nothing was shared" in response.text
    assert "20:00 to 07:00" in response.text


def test_save_as_draft_goes_back_to_the_case(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    response = submit(adviser, url, page, BAIL_WITH_CURFEW, action="draft")
    assert response.headers["location"] == f"/cases/{todays_hearing['urn']}"
    assert "Draft result saved for" in adviser.get(response.headers["location"]).text


def test_changing_a_result_shows_the_saved_answers_in_the_form(adviser: TestClient, todays_hearing):
    url, page = form_page(adviser, todays_hearing)
    submit(adviser, url, page, BAIL_WITH_CURFEW)
    html = adviser.get(url).text
    assert re.search(r'value="ADJOURNED_CONDITIONAL_BAIL"\s+checked', html)
    assert re.search(r'value="curfew"\s+checked', html)
    for value in ("19:00", "07:00", "1 Court Street", "NG1 1AA", "2036", "17:00"):
        assert f'value="{value}"' in html


def test_a_listing_officer_cannot_record_results(signed_in, todays_hearing):
    client = signed_in("listing@MAG01")
    response = client.get(f"/hearings/{todays_hearing['id']}/results/{todays_hearing['defendants'][0]['id']}")
    assert response.status_code == 403
    assert "A listing officer cannot record results" in response.text.replace("a listing", "A listing")


def test_another_centres_hearing_is_not_found(signed_in, todays_hearing):
    client = signed_in("adviser@MAG02")
    response = client.get(f"/hearings/{todays_hearing['id']}/results/{todays_hearing['defendants'][0]['id']}")
    assert response.status_code == 404
    assert "Page not found" in response.text
