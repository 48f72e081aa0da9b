"""Dates and date-times in requests are ISO 8601 text (found by the property suite: a date of birth sent as
`0` was stored as 1 January 1970). Anything else is a field error, never guessed into another day."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from reference_system.web.schemas import DefendantCreate, HearingCreate, NextHearing

DEFENDANT = {"first_name": "Siân", "last_name": "O'Brien", "address": {"line1": "1 High Street", "postcode": "SW1A 1AA"},
             "offences": [{"code": "TH68001", "wording": "Theft from a shop"}]}


@pytest.mark.parametrize("value", [0, 19900101, "19900101", "1990-01-01T00:00:00", "12/04/1990", "1990-4-12", 1.5, True])
def test_a_date_that_is_not_iso_8601_text_is_refused(value):
    with pytest.raises(ValidationError):
        DefendantCreate.model_validate({**DEFENDANT, "date_of_birth": value})
    with pytest.raises(ValidationError):
        NextHearing.model_validate({"date": value})


def test_an_iso_8601_date_is_accepted():
    assert NextHearing.model_validate({"date": "2027-03-26"}).date == date(2027, 3, 26)


@pytest.mark.parametrize("value", [0, 1795766694, "1795766694", "2027-03-26", "26/03/2027 10:00"])
def test_a_date_time_that_is_not_iso_8601_text_is_refused(value):
    with pytest.raises(ValidationError):
        HearingCreate.model_validate({"type": "TRIAL", "courtroom": "1", "starts_at": value})


@pytest.mark.parametrize("value", ["2027-03-26T10:00", "2027-03-26T10:00:00+00:00", "2027-03-26T10:00:00.5Z",
                                   "2027-03-26 10:00:00+0100"])
def test_an_iso_8601_date_time_is_accepted(value):
    HearingCreate.model_validate({"type": "TRIAL", "courtroom": "1", "starts_at": value})


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T20:00:00+00:00", "1899-12-31T10:00"])
def test_a_date_time_in_a_year_no_court_date_has_is_refused(value):
    """Found by Schemathesis: year 1 or 9999 overflowed the curfew and court-list arithmetic (a 500)."""
    with pytest.raises(ValidationError, match="year"):
        HearingCreate.model_validate({"type": "TRIAL", "courtroom": "1", "starts_at": value})


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", date(9999, 12, 31)])
def test_a_date_in_a_year_no_court_date_has_is_refused(value):
    with pytest.raises(ValidationError, match="year"):
        NextHearing.model_validate({"date": value})
