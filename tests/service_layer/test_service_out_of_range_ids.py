"""An id no database row can have (found by Schemathesis: `GET /api/v1/em-orders/-1411...` was a 500) names
nothing: the use cases answer NotFound instead of letting the driver overflow."""

from __future__ import annotations

import pytest

from reference_system.service_layer import hearings, orders
from reference_system.service_layer.errors import NotFound
from reference_system.service_layer.unit_of_work import UnitOfWork

BEYOND_ANY_ROW = (2**63, -(2**100), 10**30)


@pytest.mark.parametrize("hearing_id", BEYOND_ANY_ROW)
def test_a_hearing_id_beyond_any_row_is_not_found(database, legal_adviser, hearing_id):
    with UnitOfWork(database) as uow, pytest.raises(NotFound):
        hearings.get_hearing(uow, legal_adviser, hearing_id)


@pytest.mark.parametrize("order_id", BEYOND_ANY_ROW)
def test_an_em_order_id_beyond_any_row_is_not_found(database, court_admin, order_id):
    with UnitOfWork(database) as uow, pytest.raises(NotFound):
        orders.get_order(uow, court_admin, order_id)
