"""When the EM provider is down: orders wait in the outbox and are retried, delivered once when it is back,
and an order still unacknowledged at its deadline is put in front of the court admin."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.test_mode]

ONE_DAY = 86_400


@pytest.fixture
def provider_faults(court):
    """Faults the test injects are cleared afterwards, whatever happens, so no other test inherits them."""
    yield court.provider_fault
    court.clear_provider_faults()


def _share_bail_with_curfew(court):
    case, hearing = court.case_with_hearing()
    version = court.draft(hearing["id"], case["defendants"][0]["id"], court.bail_with_curfew(hearing["version"]))["version"]
    [order] = court.share(hearing["id"], version)["em_orders"]
    return case["urn"], order


def test_an_order_shared_during_an_outage_is_retried_and_delivered_once(court, wait_for, provider_faults):
    provider_faults(mode="outage", status=503, seconds=3)

    urn, order = _share_bail_with_curfew(court)

    retried = wait_for(lambda: (o := court.em_order(order["id"]))["attempts"] > 0 and o, within_s=3,
                       what="a first delivery attempt during the outage")
    assert retried["status"] == "PENDING"
    assert "503" in (retried["last_error"] or "")
    acknowledged = wait_for(lambda: (o := court.em_order(order["id"]))["status"] == "ACKNOWLEDGED" and o,
                            within_s=12, what="the order is acknowledged once the provider is back")
    [in_ledger] = court.provider_orders(urn)
    assert in_ledger["platform_order_id"] == order["id"]
    assert acknowledged["provider_ref"] == in_ledger["provider_ref"]
    assert acknowledged["attempts"] >= 2


def test_an_order_not_acknowledged_by_its_deadline_is_on_the_work_queue(court, wait_for, provider_faults):
    provider_faults(mode="outage", status=503, seconds=60)
    urn, order = _share_bail_with_curfew(court)

    court.move_clock(ONE_DAY)
    try:
        overdue = wait_for(
            lambda: [i for i in court.get("/api/v1/work-queue", "admin@MAG01").json()["items"]
                     if i["em_order_id"] == order["id"]],
            what="the overdue order on the work queue")
        assert [(i["kind"], i["urn"]) for i in overdue] == [("EM_ORDER_OVERDUE", urn)]
        assert court.em_order(order["id"])["overdue"] is True
        assert court.em_order(order["id"])["status"] != "ACKNOWLEDGED"
    finally:
        court.clear_provider_faults()
        court.move_clock(-ONE_DAY)
