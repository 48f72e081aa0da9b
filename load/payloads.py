"""Contract v1 payloads for the load personas: unique case references, cases, hearings and results.

Every reference a run creates starts with its run id, so reconciliation can pick out exactly this run's
EM orders on a platform shared with other runs. Pure Python (no Locust) so it can be tested.
"""

from __future__ import annotations

import random
import secrets
import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from load.national_peak import PEAK

LONDON = ZoneInfo("Europe/London")
BASE36 = string.digits + string.ascii_uppercase
RUN_ID_LENGTH = 6
# Hearings are listed on sitting days spread over the coming weeks, so each court list a persona opens keeps
# a realistic length (tens of hearings) however many hearings a long run creates in three court centres.
SITTING_DAYS_SPREAD = 60
CENTRES = ("MAG01", "MAG02", "CRN01")

FIRST_NAMES = ("Christopher", "Siân", "Thi Mai", "Aoife", "Jean-Luc", "Zoë", "Mohammed", "Grace", "Tomasz", "Priya")
LAST_NAMES = ("Adams", "Evans", "Nguyễn", "O'Brien", "Martin", "Smith-Jones", "Khan", "Okafor", "Kowalski", "Patel")
POSTCODES = ("SW1A 1AA", "NG1 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "LS1 4AP")
OFFENCES = (
    ("TH68001", "Theft from a shop"), ("CJ88116", "Assault by beating"),
    ("RT88191", "Driving while disqualified"), ("CD71039", "Criminal damage"),
)

# Outcome mix of one defendant's result (assumption). The EM shares come from the national peak's EM orders a
# day (2.0 % of results): three quarters on bail, one quarter on community orders, as the new orders split.
EM_SHARE = PEAK.em_share_of_results
_BAIL_EM = EM_SHARE * 0.75
_CO_EM = EM_SHARE * 0.25
_OTHER = {
    "ADJOURNED_UNCONDITIONAL_BAIL": 0.30,
    "ADJOURNED_CONDITIONAL_BAIL": 0.13,
    "REMANDED_IN_CUSTODY": 0.08,
    "FINE": 0.22,
    "COMMUNITY_ORDER": 0.08,
    "CUSTODIAL_SENTENCE": 0.06,
    "DISCHARGE": 0.10,
    "ACQUITTED": 0.03,
}
OUTCOME_MIX: dict[str, float] = {
    **{k: v * (1 - EM_SHARE) / sum(_OTHER.values()) for k, v in _OTHER.items()},
    "BAIL_WITH_EM_CURFEW": _BAIL_EM,
    "COMMUNITY_ORDER_WITH_EM_CURFEW": _CO_EM,
}
EM_CHOICES = ("BAIL_WITH_EM_CURFEW", "COMMUNITY_ORDER_WITH_EM_CURFEW")
# Once a run (per Locust process), at the height of the share spike, a legal adviser shares the sentences of
# a multi-handed case: ten community orders with EM curfews (an EM order and a probation notification each)
# and two remands in custody (a prison notification each), 22 messages from one share. Volume arrives in
# bursts like this, and the outbox must take them without shedding any.
MULTI_HANDED = ("COMMUNITY_ORDER_WITH_EM_CURFEW",) * 10 + ("REMANDED_IN_CUSTODY",) * 2


def new_run_id() -> str:
    """Six upper-case letters and digits, starting with a letter (so a URN never looks like a seed one)."""
    return secrets.choice(string.ascii_uppercase) + "".join(secrets.choice(BASE36) for _ in range(RUN_ID_LENGTH - 1))


def base36(n: int, width: int) -> str:
    if n < 0 or n >= 36**width:
        raise ValueError(f"{n} does not fit in {width} base-36 digits")
    digits = []
    for _ in range(width):
        n, rest = divmod(n, 36)
        digits.append(BASE36[rest])
    return "".join(reversed(digits))


@dataclass
class References:
    """Unique URNs for one Locust process: run id + process (worker index and a random letter) + counter."""

    run_id: str
    process: str
    counter: int = 0

    @classmethod
    def for_process(cls, run_id: str, worker_index: int) -> References:
        return cls(run_id, base36(max(worker_index, 0) % 36**2, 2) + secrets.choice(BASE36))

    def next_urn(self) -> str:
        self.counter += 1
        return f"{self.run_id}{self.process}{base36(self.counter, 5)}"


def london_today(now: datetime | None = None) -> date:
    return (now or datetime.now(LONDON)).astimezone(LONDON).date()


def sitting_day(rng: random.Random, today: date) -> date:
    return today + timedelta(days=rng.randrange(SITTING_DAYS_SPREAD))


def address(rng: random.Random) -> dict[str, Any]:
    return {"line1": f"{rng.randint(1, 250)} High Street", "line2": None, "town": "Northgate",
            "postcode": rng.choice(POSTCODES)}


def case_payload(urn: str, centre: str, rng: random.Random, defendants: int | None = None) -> dict[str, Any]:
    """A case with one defendant, or two (one case in five): 1.2 defendants a hearing on average; or as many
    as `defendants` (a multi-handed case)."""
    people = []
    for _ in range(defendants or (2 if rng.random() < 0.2 else 1)):
        code, wording = rng.choice(OFFENCES)
        people.append({
            "first_name": rng.choice(FIRST_NAMES), "last_name": rng.choice(LAST_NAMES),
            "date_of_birth": date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
            "address": address(rng), "pnc_id": None, "offences": [{"code": code, "wording": wording}],
        })
    return {"urn": urn, "court_centre": centre, "prosecutor": "Crown Prosecution Service", "defendants": people}


def hearing_payload(day: date, rng: random.Random) -> dict[str, Any]:
    minutes = 30 * rng.randrange(12)
    return {"type": rng.choice(("FIRST_APPEARANCE", "PLEA", "MENTION", "SENTENCE")),
            "courtroom": str(rng.randint(1, 6)), "starts_at": f"{day.isoformat()}T{10 + minutes // 60:02d}:{minutes % 60:02d}:00"}


def choose_outcome(rng: random.Random) -> str:
    names = list(OUTCOME_MIX)
    return rng.choices(names, weights=[OUTCOME_MIX[n] for n in names])[0]


def result_payload(choice: str, hearing_day: date, version: int, rng: random.Random) -> dict[str, Any]:
    """A draft result for one defendant; EM curfews are 12 hours overnight (bail) or 10 hours (community)."""
    body: dict[str, Any] = {"version": version, "outcome": choice, "next_hearing": None, "order_length_months": None,
                            "curfew": None, "exclusion_zone": None}
    later = hearing_day + timedelta(days=28)
    if choice in ("ADJOURNED_UNCONDITIONAL_BAIL", "ADJOURNED_CONDITIONAL_BAIL"):
        body["next_hearing"] = {"date": later.isoformat()}
    elif choice == "REMANDED_IN_CUSTODY":
        body["next_hearing"] = {"date": (hearing_day + timedelta(days=7)).isoformat()}
    elif choice == "COMMUNITY_ORDER":
        body["order_length_months"] = 12
    elif choice == "BAIL_WITH_EM_CURFEW":
        body.update(outcome="ADJOURNED_CONDITIONAL_BAIL", next_hearing={"date": later.isoformat()},
                    curfew=curfew(hearing_day, "19:00", "07:00", None, rng))
    elif choice == "COMMUNITY_ORDER_WITH_EM_CURFEW":
        body.update(outcome="COMMUNITY_ORDER", order_length_months=12,
                    curfew=curfew(hearing_day + timedelta(days=1), "20:00", "06:00",
                                  hearing_day + timedelta(days=180), rng))
    return body


def curfew(start_day: date, start: str, end: str, ends_on: date | None, rng: random.Random) -> dict[str, Any]:
    return {"address": address(rng), "start_time": start, "end_time": end, "days": None,
            "starts_at": f"{start_day.isoformat()}T{start}:00", "ends_on": ends_on.isoformat() if ends_on else None,
            "electronically_monitored": True}


def search_prefix(rng: random.Random) -> str:
    """The start of a surname, as a member of staff types it into the case search."""
    name = rng.choice(LAST_NAMES)
    return name[: rng.randint(2, min(5, len(name)))]
