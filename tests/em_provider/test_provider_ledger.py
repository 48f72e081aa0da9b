"""The SQLite ledger on its own: one row per key even across connections, and references never reused."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from reference_system.em_provider.ledger import Ledger

ORDER: dict[str, Any] = {
    "platform_order_id": 101,
    "kind": "NEW",
    "urn": "01AB1234526",
    "court_centre": "MAG01",
    "device_wearer": {},
}


def test_two_ledgers_on_one_file_record_a_key_only_once(ledger_path: str):
    # two connections stand for two provider processes: only the unique constraint stands between them
    ledgers = [Ledger(ledger_path), Ledger(ledger_path)]
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            receipts = list(pool.map(lambda i: ledgers[i % 2].record_order("same-key", ORDER), range(40)))
        assert sum(receipt.created for receipt in receipts) == 1
        assert len({receipt.reference for receipt in receipts}) == 1
        assert len(ledgers[0].list_orders()) == 1
    finally:
        for ledger in ledgers:
            ledger.close()


def test_references_are_not_handed_out_again_after_a_reset(ledger_path: str):
    ledger = Ledger(ledger_path)
    try:
        before = ledger.record_order("key-1", ORDER).reference
        ledger.clear()
        after = ledger.record_order("key-1", ORDER)
    finally:
        ledger.close()

    assert after.created
    assert after.reference != before


def test_the_ledger_outlives_the_provider_process(ledger_path: str):
    first = Ledger(ledger_path)
    receipt = first.record_order("key-1", ORDER)
    first.close()

    second = Ledger(ledger_path)
    try:
        replay = second.record_order("key-1", ORDER)
    finally:
        second.close()

    assert (replay.reference, replay.received_at, replay.created) == (
        receipt.reference,
        receipt.received_at,
        False,
    )


def test_a_notification_key_is_scoped_to_its_agency(ledger_path: str):
    ledger = Ledger(ledger_path)
    notification = {"notification_id": 7, "kind": "REMANDED_IN_CUSTODY", "urn": "01AB1234526"}
    try:
        to_prison = ledger.record_notification("prison", "key-1", notification)
        to_probation = ledger.record_notification("probation", "key-1", notification)
    finally:
        ledger.close()

    assert to_prison.created and to_probation.created
    assert to_prison.reference.startswith("PRISON-")
    assert to_probation.reference.startswith("PROBATION-")
