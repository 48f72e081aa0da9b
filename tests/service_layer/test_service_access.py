"""Roles: each use case refuses the roles the contract's table does not allow, before touching data."""

from __future__ import annotations

from datetime import datetime

import pytest

from reference_system.domain.calendar import LONDON
from reference_system.domain.model import Role
from reference_system.service_layer import audit, cases, hearings, orders, results
from reference_system.service_layer.access import Principal
from reference_system.service_layer.commands import DraftResult, ListHearing, ShareResults
from reference_system.service_layer.errors import Forbidden
from reference_system.service_layer.unit_of_work import UnitOfWork


def _as(role: Role) -> Principal:
    return Principal(f"someone@MAG01-{role.value}", role, "MAG01")


def _creating_a_case(uow, clock, user, new_case):
    return cases.create_case(uow, clock, user, new_case("01AB1234599"))


def _listing_a_hearing(uow, clock, user, _new_case):
    return hearings.list_hearing(uow, clock, user, ListHearing("01AB1234526", "TRIAL", "1",
                                                               datetime(2026, 7, 14, 10, 0, tzinfo=LONDON)))


def _drafting_a_result(uow, clock, user, _new_case):
    return results.draft_result(uow, clock, user, DraftResult(1, 1, 1, {"outcome": "FINE"}))


def _sharing_results(uow, clock, user, _new_case):
    return results.share_results(uow, clock, user, ShareResults(1, 1))


def _reading_the_work_queue(uow, _clock, user, _new_case):
    return orders.work_queue(uow, user)


def _resending_an_order(uow, clock, user, _new_case):
    return orders.resend_order(uow, clock, user, 1)


def _reading_the_audit_trail(uow, _clock, user, _new_case):
    return audit.audit_events(uow, user, None)


FORBIDDEN = [
    (_creating_a_case, Role.LEGAL_ADVISER), (_creating_a_case, Role.COURT_ADMIN), (_creating_a_case, Role.AGENCY_VIEWER),
    (_listing_a_hearing, Role.LEGAL_ADVISER), (_listing_a_hearing, Role.AGENCY_VIEWER),
    (_drafting_a_result, Role.LISTING_OFFICER), (_drafting_a_result, Role.COURT_ADMIN),
    (_drafting_a_result, Role.AGENCY_VIEWER),
    (_sharing_results, Role.LISTING_OFFICER), (_sharing_results, Role.AGENCY_VIEWER),
    (_reading_the_work_queue, Role.LEGAL_ADVISER), (_reading_the_work_queue, Role.AGENCY_VIEWER),
    (_resending_an_order, Role.LEGAL_ADVISER), (_resending_an_order, Role.AGENCY_VIEWER),
    (_reading_the_audit_trail, Role.LISTING_OFFICER), (_reading_the_audit_trail, Role.AGENCY_VIEWER),
]


@pytest.mark.parametrize(("action", "role"), FORBIDDEN,
                         ids=[f"{a.__name__.strip('_')}-as-{r.value.lower()}" for a, r in FORBIDDEN])
def test_a_role_the_contract_does_not_allow_is_forbidden(court, database, clock, new_case, action, role):
    case, hearing = court.case_with_hearing()
    audit_before = court.audit_actions()

    with UnitOfWork(database, write=True) as uow, pytest.raises(Forbidden):
        action(uow, clock, _as(role), new_case)

    assert court.hearing(hearing.id).version == 1
    assert court.audit_actions() == audit_before
    assert [c.urn for c in court.read(cases.search_cases, _as(Role.AGENCY_VIEWER), court_centre=None, text=None,
                                      page=1, page_size=20)[0]] == [case.urn]


def test_every_role_may_read_a_case(court):
    case = court.create_case()

    for role in Role:
        assert court.read(cases.get_case, _as(role), case.urn).urn == case.urn
