"""Personal data and credentials never reach failure reports in clear."""

import json

from steps.redaction import (
    MASK,
    describe_exchange,
    personal_values,
    redact,
    redact_body,
    redact_headers,
    scrub_text,
)

A_CASE = {
    "urn": "T1234ABCD",
    "court_centre": "MAG01",
    "defendants": [
        {
            "id": 7,
            "first_name": "Siân",
            "last_name": "O'Brien",
            "date_of_birth": "1990-04-12",
            "address": {"line1": "1 High Street", "line2": "Flat 2", "town": "Northgate", "postcode": "SW1A 1AA"},
            "pnc_id": None,
            "offences": [{"code": "TH68001", "wording": "Stole a pedal cycle"}],
        }
    ],
}


def test_names_dates_of_birth_address_lines_and_postcodes_are_masked():
    defendant = redact(A_CASE)["defendants"][0]

    assert defendant["first_name"] == MASK
    assert defendant["last_name"] == MASK
    assert defendant["date_of_birth"] == MASK
    assert defendant["address"]["line1"] == MASK
    assert defendant["address"]["line2"] == MASK
    assert defendant["address"]["postcode"] == MASK


def test_what_a_reader_needs_to_diagnose_a_failure_is_kept():
    redacted = redact(A_CASE)

    assert redacted["urn"] == "T1234ABCD"
    assert redacted["defendants"][0]["id"] == 7
    assert redacted["defendants"][0]["offences"] == [{"code": "TH68001", "wording": "Stole a pedal cycle"}]


def test_empty_personal_fields_stay_empty_so_a_missing_value_is_still_visible():
    assert redact({"pnc_id": None, "line2": ""}) == {"pnc_id": None, "line2": ""}


def test_redacting_leaves_the_original_untouched():
    redact(A_CASE)

    assert A_CASE["defendants"][0]["first_name"] == "Siân"


def test_passwords_and_tokens_are_masked():
    assert redact({"username": "adviser@MAG01", "password": "secret"}) == {
        "username": "adviser@MAG01",
        "password": MASK,
    }
    assert redact({"access_token": "abc.def", "token_type": "bearer"})["access_token"] == MASK


def test_personal_values_are_collected_at_any_depth():
    assert personal_values(A_CASE) == {"Siân", "O'Brien", "1990-04-12", "1 High Street", "Flat 2", "SW1A 1AA"}


def test_free_text_echoing_a_name_is_scrubbed():
    assert scrub_text("'O'Brien' is not a valid name", {"O'Brien"}) == "'***' is not a valid name"


def test_a_json_body_is_masked_and_pretty_printed():
    text = redact_body(json.dumps(A_CASE).encode())

    assert "Siân" not in text and "SW1A 1AA" not in text
    assert json.loads(text)["defendants"][0]["first_name"] == MASK


def test_a_response_echoing_request_values_in_a_message_is_scrubbed():
    problem = {"title": "Invalid", "errors": [{"field": "defendants.0.first_name", "message": "J0hn has digits"}]}

    text = redact_body(json.dumps(problem), also_mask={"J0hn"})

    assert "J0hn" not in text
    assert "defendants.0.first_name" in text


def test_a_body_that_is_not_json_is_still_scrubbed():
    assert redact_body("<p>Siân O'Brien</p>", also_mask={"Siân", "O'Brien"}) == "<p>*** ***</p>"


def test_bearer_tokens_keep_their_scheme_only():
    assert redact_headers({"Authorization": "Bearer abc.def", "Accept": "application/json"}) == {
        "Authorization": f"Bearer {MASK}",
        "Accept": "application/json",
    }


def test_an_exchange_reads_as_request_then_response_with_nothing_personal():
    request = json.dumps(A_CASE)
    response = json.dumps(
        {"errors": [{"field": "defendants.0.last_name", "message": "O'Brien is too long"}]}
    )

    text = describe_exchange(
        "POST", "http://127.0.0.1:8000/api/v1/cases", request, 422, response, {"Authorization": "Bearer xyz"}
    )

    assert text.startswith("POST http://127.0.0.1:8000/api/v1/cases")
    assert "-> 422" in text
    assert "Authorization: Bearer ***" in text
    for personal in ("Siân", "O'Brien", "1990-04-12", "1 High Street", "SW1A 1AA", "xyz"):
        assert personal not in text


def test_the_records_a_scenario_carries_print_without_personal_data():
    """pytest tracebacks and Allure step parameters print these records; the names must not go with them."""
    from steps.records import CaseFile, SharedResults
    from steps.screenplay.tasks import OpenCase, Outcome, RecordResult

    case = CaseFile(urn="T1234ABCD", court_centre="MAG01", defendant_ids=(7,), defendants=tuple(A_CASE["defendants"]))
    result = {"outcome": "CONDITIONAL_BAIL", "curfew": {"address": {"line1": "1 High Street", "postcode": "SW1A 1AA"}}}
    printed = [
        repr(case),
        repr(OpenCase(A_CASE)),
        repr(RecordResult(hearing_id=3, defendant_id=7, result=result)),
        repr(SharedResults(hearing_id=3, outcome=Outcome(200, A_CASE, sent=A_CASE), results={7: result})),
    ]
    for text in printed:
        for personal in ("Siân", "O'Brien", "1990-04-12", "1 High Street", "SW1A 1AA"):
            assert personal not in text, f"{personal!r} printed in {text}"
        assert "T1234ABCD" in text or "hearing_id=3" in text  # what identifies the record is still there
    assert "defendant_ids=(7,)" in printed[0] and MASK in printed[0]
