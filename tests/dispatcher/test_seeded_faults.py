"""Each seeded fault really breaks what it says (and only when switched on): the gate's `prove` relies on it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from dispatch_samples import ADDRESS, BAIL_WITH_EM, REMAND
from sqlalchemy import func, select

from reference_system.adapters.orm import EmOrderRow, NotificationRow
from reference_system.domain.errors import StaleVersion, ValidationFailed
from reference_system.domain.model import Role
from reference_system.faults import CATALOGUE, UnknownFault, activate
from reference_system.service_layer import cases
from reference_system.service_layer.access import Principal
from reference_system.service_layer.commands import CreateCase, NewDefendant
from reference_system.service_layer.unit_of_work import UnitOfWork
from reference_system.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
OTHER_CENTRE = Principal("adviser@MAG02", Role.LEGAL_ADVISER, "MAG02")
LISTING = Principal("listing@MAG01", Role.LISTING_OFFICER, "MAG01")


@pytest.fixture
def fault(monkeypatch):
    """Switch a fault on for one test only (monkeypatch undoes it)."""
    return lambda name: activate([name], patch=monkeypatch.setattr)


def orders(database, kind=None):
    with database.reading() as session:
        query = select(func.count()).select_from(EmOrderRow)
        return session.scalar(query.where(EmOrderRow.kind == kind) if kind else query)


def new_case(database, clock, first_name):
    with UnitOfWork(database, write=True) as uow:
        cases.create_case(uow, clock, LISTING, CreateCase("FAULT0001", "MAG01", "CPS", [NewDefendant(
            first_name, "Evans", date(1990, 1, 1), ADDRESS, None, [{"code": "TH68001", "wording": "Theft"}])]))


def test_every_fault_names_an_expected_suite_of_the_gate():
    assert {f.expected_suite for f in CATALOGUE.values()} <= {"acceptance", "e2e", "properties", "load", "resilience"}
    assert len(CATALOGUE) == 15


def test_an_unknown_fault_is_refused_by_name():
    with pytest.raises(UnknownFault, match="no-such-fault"):
        activate(["no-such-fault"], patch=lambda *a: None)


def test_faults_are_refused_outside_test_mode():
    with pytest.raises(ValueError, match="test mode"):
        Settings(test_mode=False, secret_key="x" * 40, faults=["em-order-not-sent"])


def test_the_clean_build_sends_the_em_order(database, share):
    share(BAIL_WITH_EM)
    assert orders(database, "NEW") == 1


def test_em_order_not_sent_drops_the_bail_em_order(database, share, fault):
    fault("em-order-not-sent")
    share(BAIL_WITH_EM)
    assert orders(database) == 0


def test_curfew_limits_not_enforced_accepts_a_21_hour_curfew(share, fault):
    fault("curfew-limits-not-enforced")
    share({**BAIL_WITH_EM, "curfew": {**BAIL_WITH_EM["curfew"], "start_time": "10:00", "end_time": "07:00"}})


def test_overnight_curfew_wrong_refuses_an_ordinary_overnight_curfew(share, fault):
    fault("overnight-curfew-wrong")
    with pytest.raises(ValidationFailed, match="curfew.end_time"):
        share(BAIL_WITH_EM)


def test_name_rejected_refuses_sian_and_christopher(database, clock, fault):
    fault("name-rejected")
    for name in ("Siân", "Christopher"):
        with pytest.raises(ValidationFailed):
            new_case(database, clock, name)


def test_cross_court_read_lets_another_centre_read_a_case(database, clock, fault):
    new_case(database, clock, "Siân")
    fault("cross-court-read")
    with UnitOfWork(database) as uow:
        assert cases.get_case(uow, OTHER_CENTRE, "FAULT0001").urn == "FAULT0001"


def test_lost_update_lets_a_stale_version_through(fault):
    from reference_system.service_layer import results

    class Hearing:
        version = 5

    with pytest.raises(StaleVersion):
        results._check_version(Hearing(), 4)
    fault("lost-update")
    results._check_version(Hearing(), 4)


def test_no_retry_on_outage_gives_up_after_one_503(database, share, provider, make_dispatcher, fault):
    fault("no-retry-on-outage")
    share(BAIL_WITH_EM)
    provider.script = [503]
    dispatcher = make_dispatcher()
    dispatcher.run_once()
    dispatcher.run_once()
    assert len(provider.requests) == 1
    with database.reading() as session:
        assert session.scalars(select(EmOrderRow.status)).one() == "PENDING"


def test_duplicate_on_retry_sends_a_new_key_on_the_retry(share, provider, make_dispatcher, fault):
    fault("duplicate-on-retry")
    share(BAIL_WITH_EM)
    provider.script = [503]
    dispatcher = make_dispatcher()
    dispatcher.run_once()
    dispatcher.run_once()
    assert len({r.headers["Idempotency-Key"] for r in provider.requests}) == 2


def test_crash_loses_outbox_loses_an_order_claimed_by_a_dispatcher_that_died(database, share, make_dispatcher, fault):
    fault("crash-loses-outbox")
    share(BAIL_WITH_EM)
    make_dispatcher(lease_seconds=0.01).claim()  # claims, then dies
    survivor = make_dispatcher()
    survivor.run_once()
    with database.reading() as session:
        assert session.scalars(select(EmOrderRow.status)).one() != "ACKNOWLEDGED"


def test_notifications_dropped_under_load_marks_the_overflow_sent_undelivered(database, share, provider, make_dispatcher, fault):
    fault("notifications-dropped-under-load")
    for _ in range(25):
        share(REMAND)
    make_dispatcher().run_once()
    with database.reading() as session:
        sent = session.scalar(select(func.count()).where(NotificationRow.status == "SENT"))
    assert sent == 25 and len(provider.requests) == 20


def test_the_what_the_gate_catches_page_is_generated_from_the_catalogue():
    generated = subprocess.run([sys.executable, "-m", "reference_system", "faults", "--format", "markdown"],
                               capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert (ROOT / "docs" / "what-the-gate-catches.md").read_text(encoding="utf-8") == generated, (
        "docs/what-the-gate-catches.md is stale: regenerate it with "
        "`uv run python -m reference_system faults --format markdown > docs/what-the-gate-catches.md`"
    )
