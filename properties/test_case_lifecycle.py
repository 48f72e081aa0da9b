"""The case lifecycle as a Hypothesis state machine, driven over the running platform's API.

Hypothesis chooses sequences no one wrote down (open a case, list hearings, draft, share, amend and re-share,
save with a stale version, take the EM provider down and bring it back, let time pass, wait for the
dispatcher) and after every step compares the platform with a small in-memory model of the contract:

- no request is ever answered with a server error;
- what was drafted and shared reads back exactly, with the right state, version and custody status;
- each share creates exactly the EM order the change calls for (NEW, VARIATION, or REVOCATION after custody,
  acquittal or monitoring removed) with the deadline the contract fixes, and once the dispatcher settles the
  provider holds exactly one copy of each, the latest of the right kind for each defendant;
- an order not acknowledged by its deadline is on the work queue;
- a stale version is refused (409) and loses nothing.

A failure is shrunk to the shortest sequence that shows it and printed as Python steps.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import note, seed
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from fixtures import strategies as s
from properties.budgets import Budget, stateful_settings
from properties.court_model import (
    CUSTODY_AFTER,
    LONDON,
    CourtModel,
    HearingModel,
    OrderModel,
    expected_deadline,
    expected_order_kind,
    instant,
    monitored,
)
from properties.evidence import Evidence
from properties.world import World

SETTLE_WITHIN_S = 5.0      # how long the dispatcher may take to deliver once the provider is up
FLAG_WITHIN_S = 3.0        # how long the dispatcher may take to put a late order on the work queue
POLL_S = 0.05
CENTRES = ("MAG01", "CRN01")   # a magistrates' court and the Crown Court: fewer sign-ins, same rules
RESULT_FIELDS = ("outcome", "next_hearing", "order_length_months", "curfew", "exclusion_zone")


class CaseLifecycle(RuleBasedStateMachine):
    """One sequence: a fresh case (or two hearings of it), the court's actions on it, and the model."""

    world: World
    evidence: Evidence

    hearings = Bundle("hearings")

    def __init__(self) -> None:
        super().__init__()
        self.model = CourtModel()
        self.outage = self.had_outage = False
        self.clock_moved_s = 0.0
        self.offset_s: float | None = None  # read from the platform when first needed
        self.errors_before = len(self.world.server_errors)
        self.requests_before = self.world.requests
        self.evidence.stateful_runs += 1

    def _step(self) -> None:
        rule_name = sys._getframe(1).f_code.co_name
        self.evidence.stateful_steps += 1
        self.evidence.stateful_rules[rule_name] = self.evidence.stateful_rules.get(rule_name, 0) + 1

    def _now(self) -> datetime:
        """The platform's clock, as far as this sequence has moved it."""
        if self.offset_s is None:
            self.offset_s = self.world.clock_offset()
        return datetime.now(UTC) + timedelta(seconds=self.offset_s)

    # --- cases and hearings ----------------------------------------------------------------------------

    @initialize(target=hearings, case=s.cases(court_centres=CENTRES, max_defendants=2), listing=s.hearings())
    def open_a_case_and_list_a_hearing(self, case: dict[str, Any], listing: dict[str, Any]) -> int:
        self._step()
        case = {**case, "urn": "P" + uuid.uuid4().hex[:13].upper()}  # unique: drawn references repeat
        centre = case["court_centre"]
        created = self.world.expect(201, "POST", "/api/v1/cases", role="listing", centre=centre, json_body=case)
        note(f"(the case is created as {case['urn']}, a unique reference instead of the one drawn, with defendant "
             f"ids {[d['id'] for d in created['defendants']]})")
        _assert_case_is(case, created, "the created case")  # read back in test_input_properties
        self.model.cases[case["urn"]] = created
        return self._list(case["urn"], centre, listing)

    @precondition(lambda self: len(self.model.hearings) < 2)
    @rule(target=hearings, hearing=hearings, listing=s.hearings())
    def list_another_hearing_of_the_case(self, hearing: int, listing: dict[str, Any]) -> int:
        self._step()
        earlier = self.model.hearings[hearing]
        return self._list(earlier.urn, earlier.centre, listing)

    def _list(self, urn: str, centre: str, listing: dict[str, Any]) -> int:
        body = self.world.expect(201, "POST", f"/api/v1/cases/{urn}/hearings", role="listing", centre=centre,
                                 json_body=listing)
        assert (body["state"], body["urn"], body["type"], body["results"]) == ("LISTED", urn, listing["type"], []), body
        assert instant(body["starts_at"]) == instant(listing["starts_at"]), (body["starts_at"], listing["starts_at"])
        day = datetime.fromisoformat(listing["starts_at"]).astimezone(LONDON).date()
        self.model.hearings[body["id"]] = HearingModel(body["id"], urn, centre, day, version=body["version"])
        return body["id"]

    # --- results ---------------------------------------------------------------------------------------

    @rule(hearing=hearings, data=st.data(), then_share=st.booleans())
    def draft_a_result(self, hearing: int, data: st.DataObject, then_share: bool) -> None:
        self._step()
        h = self.model.hearings[hearing]
        defendant = data.draw(st.sampled_from(self.model.defendants_of(h.urn)), label="defendant")
        self._draft(h, defendant, data.draw(s.results(h.day), label="result"), then_share)

    @rule(hearing=hearings, data=st.data(), then_share=st.booleans())
    def draft_bail_with_an_em_curfew(self, hearing: int, data: st.DataObject, then_share: bool) -> None:
        """The result the 2022 incident lost: conditional bail with an electronically monitored curfew."""
        self._step()
        h = self.model.hearings[hearing]
        defendant = data.draw(st.sampled_from(self.model.defendants_of(h.urn)), label="defendant")
        result = data.draw(s.bail_results(h.day, electronic_monitoring=True), label="result")
        self._draft(h, defendant, result, then_share)

    @precondition(lambda self: bool(self.model.latest_shared))
    @rule(hearing=hearings, data=st.data(), then_share=st.booleans())
    def amend_a_shared_result(self, hearing: int, data: st.DataObject, then_share: bool) -> None:
        """Custody, acquittal, other hours, monitoring removed...: the follow-up order must go out."""
        self._step()
        h = self.model.hearings[hearing]
        shared = [d for d in self.model.defendants_of(h.urn) if d in self.model.latest_shared]
        defendant = data.draw(st.sampled_from(shared or self.model.defendants_of(h.urn)), label="defendant")
        previous = self.model.latest_shared.get(defendant)
        result = s.amendments(previous, h.day) if previous else s.results(h.day)
        self._draft(h, defendant, data.draw(result, label="amended result"), then_share)

    def _draft(self, h: HearingModel, defendant: int, result: dict[str, Any], then_share: bool) -> None:
        """Save a draft (and, as an adviser at the end of a case often does, share it at once)."""
        body = self.world.expect(200, "PUT", f"/api/v1/hearings/{h.id}/results/{defendant}", role="adviser",
                                 centre=h.centre, json_body={"version": h.version, **result})
        h.version += 1
        h.drafts[defendant] = result
        assert body["version"] == h.version, f"saving a draft should move the version to {h.version}: {body['version']}"
        self.model.dirty.add(h.id)
        if then_share:
            self._share(h)

    @precondition(lambda self: any(h.changed() for h in self.model.hearings.values()))
    @rule(hearing=hearings)
    def share_the_results(self, hearing: int) -> None:
        self._step()
        self._share(self.model.hearings[hearing])

    def _share(self, h: HearingModel) -> None:
        changed = h.changed()
        exchange = self.world.call("POST", f"/api/v1/hearings/{h.id}/share", role="adviser", centre=h.centre,
                                   json_body={"version": h.version})
        if not changed:
            assert exchange.status == 422, f"sharing with nothing new should be refused (422): {exchange}"
            return
        assert exchange.status == 200, f"sharing changed results should succeed: {exchange}"
        body = exchange.body
        made: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for order in body["em_orders"]:
            made[order["defendant_id"]].append(order)
        for defendant in changed:
            current = h.drafts[defendant]
            kind = expected_order_kind(self.model.latest_shared.get(defendant), current)
            kinds = [o["kind"] for o in made.pop(defendant, [])]
            assert kinds == ([kind] if kind else []), (
                f"defendant {defendant}: sharing {current['outcome']} after "
                f"{_describe(self.model.latest_shared.get(defendant))} should create "
                f"{kind or 'no EM order'}, but created {kinds or 'none'}")
            for order in (o for o in body["em_orders"] if o["defendant_id"] == defendant):
                _assert_deadline(order, current)
                self.model.orders.append(OrderModel(order["id"], h.urn, h.centre, defendant, order["kind"],
                                                    instant(order["deadline"])))
            if kind:
                self.model.expected_kinds.setdefault(defendant, []).append(kind)
            h.shared[defendant] = current
            self.model.latest_shared[defendant] = current
        assert not made, f"orders created for defendants whose results did not change: {dict(made)}"
        h.version += 1
        h.state = "RESULTED" if h.state == "LISTED" else "AMENDED"
        assert (body["state"], body["version"]) == (h.state, h.version), (body["state"], body["version"])
        self.model.touch_case(h.urn)

    @precondition(lambda self: any(h.version > 1 for h in self.model.hearings.values()))
    @rule(hearing=hearings, data=st.data())
    def save_with_a_stale_version(self, hearing: int, data: st.DataObject) -> None:
        """Someone else saved since this user read the hearing: their save must be refused, losing nothing."""
        self._step()
        h = self.model.hearings[hearing]
        stale = h.version - 1 if h.version > 1 else h.version + 1
        if data.draw(st.booleans(), label="a draft (else a share)"):
            defendant = data.draw(st.sampled_from(self.model.defendants_of(h.urn)), label="defendant")
            result = data.draw(s.results(h.day), label="result")
            exchange = self.world.call("PUT", f"/api/v1/hearings/{hearing}/results/{defendant}", role="adviser",
                                       centre=h.centre, json_body={"version": stale, **result})
        else:
            exchange = self.world.call("POST", f"/api/v1/hearings/{hearing}/share", role="adviser",
                                       centre=h.centre, json_body={"version": stale})
        assert exchange.status == 409, f"a save with stale version {stale} (current {h.version}) was not refused: {exchange}"
        self.model.dirty.add(hearing)

    # --- the world around the platform -------------------------------------------------------------------

    @precondition(lambda self: not self.outage and not self.had_outage and self.model.anything_drafted())
    @rule()
    def the_em_provider_goes_down(self) -> None:
        self._step()
        self.world.provider_outage()
        self.outage = self.had_outage = True

    @precondition(lambda self: self.outage)
    @rule()
    def the_em_provider_comes_back(self) -> None:
        self._step()
        self.world.provider_recovers()
        self.outage = False

    @precondition(lambda self: bool(self.model.orders))
    @rule(hours=st.sampled_from((1, 3, 12, 24, 72, 24 * 14)))
    def time_passes(self, hours: int) -> None:
        self._step()
        self.offset_s = self.world.move_clock(hours * 3600)
        self.clock_moved_s += hours * 3600

    @precondition(lambda self: not self.outage and any(not o.acknowledged for o in self.model.orders))
    @rule()
    def the_dispatcher_settles(self) -> None:
        """Wait (a few seconds at most) for the outbox to drain, then reconcile with the provider's ledger."""
        self._step()
        urns = sorted({o.urn: o.centre for o in self.model.orders}.items())
        began = time.monotonic()
        while True:
            waiting = [n for urn, centre in urns for n in self._em_notifications(urn, centre) if n["status"] == "PENDING"]
            if not waiting:
                break
            if time.monotonic() - began > SETTLE_WITHIN_S:
                never_tried = [n for n in waiting if n["attempts"] == 0]
                assert not never_tried, f"EM orders never sent within {SETTLE_WITHIN_S:g} s of the provider being up: {never_tried}"
                self.evidence.stateful_unsettled += 1  # backing off after an outage: judged next time
                note(f"outbox still backing off after {SETTLE_WITHIN_S:g} s: {[n['id'] for n in waiting]}")
                return
            time.sleep(POLL_S)
        for urn, centre in urns:
            self._reconcile(urn, centre)

    def _em_notifications(self, urn: str, centre: str) -> list[dict[str, Any]]:
        return self.world.expect(200, "GET", "/api/v1/notifications", role="adviser", centre=centre,
                                 params={"urn": urn, "agency": "em-provider"})["items"]

    def _reconcile(self, urn: str, centre: str) -> None:
        orders = self.world.expect(200, "GET", "/api/v1/em-orders", role="adviser", centre=centre, params={"urn": urn})["items"]
        by_defendant: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for order in sorted(orders, key=lambda o: o["id"]):
            by_defendant[order["defendant_id"]].append(order)
        at_provider: dict[int, list[str]] = defaultdict(list)
        for item in self.world.provider_orders(urn):
            at_provider[int(item["platform_order_id"])].append(item["kind"])
        for defendant in self.model.defendants_of(urn):
            expected = self.model.expected_kinds.get(defendant, [])
            platform = by_defendant.get(defendant, [])
            assert [o["kind"] for o in platform] == expected, (
                f"defendant {defendant}: the platform holds EM orders {[o['kind'] for o in platform]}, "
                f"the results shared call for {expected}")
            for order in platform:
                assert order["status"] == "ACKNOWLEDGED", f"order {order['id']} settled as {order['status']}: {order}"
                copies = at_provider.pop(order["id"], [])
                assert copies == [order["kind"]], (
                    f"order {order['id']} ({order['kind']}) should be at the provider exactly once: found {copies}")
            if platform:
                current = platform[-1]["kind"]
                monitored_now = monitored(self.model.latest_shared[defendant]) != (None, None)
                assert (current != "REVOCATION") == monitored_now, (
                    f"defendant {defendant}: the current order is {current} but monitoring is "
                    f"{'required' if monitored_now else 'not required'} by the latest shared result")
        assert not at_provider, f"the provider holds orders the platform does not know for {urn}: {dict(at_provider)}"
        for order in self.model.orders:
            if order.urn == urn:
                order.acknowledged = True

    # --- invariants ----------------------------------------------------------------------------------------

    @invariant()
    def no_request_was_answered_with_a_server_error(self) -> None:
        errors = self.world.server_errors[self.errors_before:]
        assert not errors, f"server errors: {[str(e) for e in errors]}"

    @invariant()
    def what_was_saved_and_shared_reads_back_exactly(self) -> None:
        for hearing in sorted(self.model.dirty):
            h = self.model.hearings[hearing]
            body = self.world.expect(200, "GET", f"/api/v1/hearings/{hearing}", role="adviser", centre=h.centre)
            assert (body["version"], body["state"]) == (h.version, h.state), (
                f"hearing {hearing} reads back at version {body['version']} ({body['state']}), "
                f"expected {h.version} ({h.state})")
            results = {r["defendant_id"]: r for r in body["results"]}
            assert set(results) == set(h.drafts), f"hearing {hearing} has results for {sorted(results)}, expected {sorted(h.drafts)}"
            for defendant, draft in h.drafts.items():
                got = results[defendant]
                assert {k: got[k] for k in RESULT_FIELDS} == draft, (
                    f"defendant {defendant}'s draft changed after saving:\n  saved: {draft}\n  reads: "
                    f"{ {k: got[k] for k in RESULT_FIELDS} }")
                assert got["shared"] == h.shared.get(defendant), (
                    f"defendant {defendant}'s shared result changed:\n  shared: {h.shared.get(defendant)}\n"
                    f"  reads:  {got['shared']}")
                assert got["status"] == ("SHARED" if h.shared.get(defendant) == draft else "DRAFT"), got["status"]
            for person in body["defendants"]:
                latest = self.model.latest_shared.get(person["id"])
                expected = CUSTODY_AFTER.get(latest["outcome"], "NOT_APPLICABLE") if latest else "NOT_APPLICABLE"
                assert person["custody_status"] == expected, (
                    f"defendant {person['id']} is {person['custody_status']} after "
                    f"{latest['outcome'] if latest else 'no shared result'}: expected {expected}")
        self.model.dirty.clear()

    @invariant()
    def an_order_late_for_its_deadline_is_on_the_work_queue(self) -> None:
        late = [o for o in self.model.orders if not o.acknowledged and o.deadline < self._now() - timedelta(seconds=2)]
        if not late:
            return
        began = time.monotonic()
        while True:
            missing = self._late_and_not_on_queue(late)
            if not missing or time.monotonic() - began > FLAG_WITHIN_S:
                break
            time.sleep(POLL_S)
        assert not missing, (f"EM orders past their deadline, not acknowledged and not on the work queue after "
                             f"{FLAG_WITHIN_S:g} s: {missing}")

    def _late_and_not_on_queue(self, late: list[OrderModel]) -> list[str]:
        missing = []
        for centre in sorted({o.centre for o in late}):
            queue = self.world.expect(200, "GET", "/api/v1/work-queue", role="admin", centre=centre)["items"]
            queued = {item["em_order_id"] for item in queue if item["kind"] in ("EM_ORDER_OVERDUE", "EM_ORDER_REJECTED")}
            statuses = {}
            for urn in sorted({o.urn for o in late if o.centre == centre}):
                for order in self.world.expect(200, "GET", "/api/v1/em-orders", role="adviser", centre=centre,
                                               params={"urn": urn})["items"]:
                    statuses[order["id"]] = order["status"]
            for order in (o for o in late if o.centre == centre):
                if statuses.get(order.id) == "ACKNOWLEDGED":
                    order.acknowledged = True
                elif order.id not in queued:
                    missing.append(f"{order.kind} order {order.id} ({statuses.get(order.id)}, deadline "
                                   f"{order.deadline.isoformat()})")
        return missing

    def teardown(self) -> None:
        try:
            if self.outage:
                self.world.provider_recovers()
            if self.clock_moved_s:
                self.world.move_clock(-self.clock_moved_s)
        finally:
            self.evidence.stateful_requests += self.world.requests - self.requests_before


# --- checks on single answers ------------------------------------------------------------------------------


def _assert_case_is(sent: dict[str, Any], got: dict[str, Any], what: str) -> None:
    assert (got["urn"], got["court_centre"], got["prosecutor"], got["status"]) == (
        sent["urn"], sent["court_centre"], sent["prosecutor"], "ACTIVE"), f"{what}: {got}"
    assert len(got["defendants"]) == len(sent["defendants"]), f"{what} has {len(got['defendants'])} defendants"
    for index, (mine, theirs) in enumerate(zip(sent["defendants"], got["defendants"], strict=True)):
        expected = {**mine, "address": {**mine["address"], "postcode": s.canonical_postcode(mine["address"]["postcode"])}}
        reads = {k: theirs[k] for k in expected}
        assert reads == expected, f"{what}: defendant {index} changed after saving:\n  sent:  {expected}\n  reads: {reads}"
        assert theirs["custody_status"] == "NOT_APPLICABLE", theirs["custody_status"]


def _assert_deadline(order: dict[str, Any], result: dict[str, Any]) -> None:
    expected = expected_deadline(order["kind"], result, instant(order["created_at"]))
    if expected is not None:
        assert instant(order["deadline"]) == expected.astimezone(UTC), (
            f"{order['kind']} order {order['id']} is due {order['deadline']}, the contract says "
            f"{expected.isoformat()}")


def _describe(result: dict[str, Any] | None) -> str:
    if result is None:
        return "no earlier shared result"
    curfew, zone = monitored(result)
    parts = [result["outcome"]]
    if curfew:
        parts.append(f"EM curfew {curfew['start_time']}-{curfew['end_time']}")
    if zone:
        parts.append("EM exclusion zone")
    return " with ".join(parts)


# --- the test ------------------------------------------------------------------------------------------------


@pytest.mark.test_mode
def test_the_case_lifecycle_keeps_the_contracts_promises(world: World, evidence: Evidence, budget: Budget) -> None:
    """Hypothesis drives sequences of court actions over the API and checks the model after every step."""
    CaseLifecycle.world, CaseLifecycle.evidence = world, evidence
    try:
        run_state_machine_as_test(seed(evidence.seed)(CaseLifecycle), settings=stateful_settings(budget))
    except Exception as failure:
        _without_invariant_calls(failure)
        raise


INVARIANTS = {f"state.{name}()" for name in dir(CaseLifecycle)
              if getattr(getattr(CaseLifecycle, name), "hypothesis_stateful_invariant", None) is not None}


def _without_invariant_calls(failure: BaseException) -> None:
    """Hypothesis prints every invariant after every step of the failing example; the steps read better alone."""
    notes = getattr(failure, "__notes__", None)
    if notes:
        kept = ["\n".join(line for line in note.splitlines() if line.strip() not in INVARIANTS) for note in notes]
        failure.__notes__ = [new for new, old in zip(kept, notes, strict=True) if new.strip() or not old.strip()]


