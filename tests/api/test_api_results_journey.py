"""The issue's "done when" path over real HTTP: results shared in court reach the EM provider and the prison
exactly once, and an amendment to custody revokes the tag."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_shared_results_reach_the_em_provider_and_the_prison_and_an_amendment_revokes_the_tag(court, wait_for):
    case, hearing = court.case_with_hearing(court.defendant("Siân", "O'Brien"), court.defendant("Thi Mai", "Nguyễn"))
    assert (case["status"], case["hearings"]) == ("ACTIVE", [])
    tagged, remanded = (d["id"] for d in case["defendants"])
    assert (hearing["state"], hearing["version"], hearing["results"]) == ("LISTED", 1, [])
    urn = case["urn"]

    version = court.draft(hearing["id"], tagged, court.bail_with_curfew(hearing["version"]))["version"]
    version = court.draft(hearing["id"], remanded, court.remand_in_custody(version))["version"]
    shared = court.share(hearing["id"], version)

    assert shared["state"] == "RESULTED"
    [new_order] = shared["em_orders"]
    assert (new_order["kind"], new_order["defendant_id"]) == ("NEW", tagged)
    acknowledged = wait_for(lambda: (o := court.em_order(new_order["id"]))["status"] == "ACKNOWLEDGED" and o,
                            what="the NEW order is acknowledged")
    [in_ledger] = court.provider_orders(urn)
    assert (in_ledger["platform_order_id"], in_ledger["kind"]) == (new_order["id"], "NEW")
    assert acknowledged["provider_ref"] == in_ledger["provider_ref"]
    assert acknowledged["overdue"] is False

    prison = wait_for(lambda: [n for n in court.notifications(urn) if n["agency"] == "prison" and n["status"] == "SENT"],
                      what="the prison notification is sent")
    assert [(n["defendant_id"], n["kind"]) for n in prison] == [(remanded, "REMANDED_IN_CUSTODY")]
    received = court.provider_notifications("prison", urn)
    assert [r["notification_id"] for r in received] == [prison[0]["id"]]

    amended = court.share(hearing["id"], court.draft(hearing["id"], tagged, court.remand_in_custody(shared["version"]))["version"])

    assert amended["state"] == "AMENDED"
    [revocation] = amended["em_orders"]
    assert (revocation["kind"], revocation["defendant_id"]) == ("REVOCATION", tagged)
    wait_for(lambda: court.em_order(revocation["id"])["status"] == "ACKNOWLEDGED", what="the REVOCATION is acknowledged")
    ledger = court.provider_orders(urn)
    assert sorted((o["kind"], o["platform_order_id"]) for o in ledger) == [
        ("NEW", new_order["id"]), ("REVOCATION", revocation["id"])]
    assert [o["kind"] for o in court.em_orders(urn)] == ["NEW", "REVOCATION"]
