"""Result documents (contract shape) the dispatcher tests share."""

ADDRESS = {"line1": "1 High Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"}


BAIL_WITH_EM = {
    "outcome": "ADJOURNED_CONDITIONAL_BAIL", "next_hearing": {"date": "2026-12-11"}, "order_length_months": None,
    "curfew": {"address": ADDRESS, "start_time": "19:00", "end_time": "07:00", "days": None,
               "starts_at": "2026-11-27T16:00:00+00:00", "ends_on": None, "electronically_monitored": True},
    "exclusion_zone": None,
}
REMAND = {"outcome": "REMANDED_IN_CUSTODY", "next_hearing": {"date": "2026-12-11"}, "order_length_months": None,
          "curfew": None, "exclusion_zone": None}
