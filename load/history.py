"""A year of case history on the platform before the court day starts.

A fresh test database holds a few dozen cases; a live one holds a year of them. A search or a list that reads
every case of a centre is quick on the first and slow on the second ("fine on a test database, slow on a year
of data"), so the load run gives the platform its volume first, through the test-mode control
`POST /__test/history` (bulk inserts: 4,000 cases a centre take under a second). A target without test
controls is left as it is: it is assumed to carry its own volume.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from load.payloads import CENTRES

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class History:
    cases_per_centre: int
    added: dict[str, int]
    seconds: float
    note: str = ""

    def describe(self) -> str:
        if self.note:
            return self.note
        return (f"case history: {self.cases_per_centre:,} past cases a centre added to "
                f"{', '.join(self.added)} in {self.seconds:.1f} s")


def add_history(target: str, cases_per_centre: int, centres: tuple[str, ...] = CENTRES) -> History:
    if cases_per_centre <= 0:
        return History(0, {}, 0.0, "case history: none asked for")
    added, seconds = {}, 0.0
    for centre in centres:
        body = json.dumps({"court_centre": centre, "cases": cases_per_centre}).encode()
        request = urllib.request.Request(f"{target.rstrip('/')}/__test/history", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with _NO_PROXY.open(request, timeout=120) as response:
                answer = json.loads(response.read())
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return History(0, {}, 0.0, "case history: the target has no test controls; its own data volume is used")
            raise RuntimeError(f"the platform refused the case history for {centre}: {error.code} "
                               f"{error.read()[:300].decode(errors='replace')}") from error
        added[centre] = answer["cases"]
        seconds += answer.get("seconds", 0.0)
    return History(cases_per_centre, added, seconds)
