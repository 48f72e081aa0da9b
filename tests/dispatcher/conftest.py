"""A real SQLite platform database with one shared hearing, and a scripted fake EM provider."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from dispatch_samples import ADDRESS

from reference_system.adapters.agencies import HttpAgencyClient
from reference_system.adapters.clock import FixedClock
from reference_system.adapters.database import connect, migrate
from reference_system.dispatcher import Dispatcher, DispatchSettings
from reference_system.domain.model import Role
from reference_system.seed import seed
from reference_system.service_layer import cases, hearings, results
from reference_system.service_layer.access import Principal
from reference_system.service_layer.commands import CreateCase, DraftResult, ListHearing, NewDefendant, ShareResults
from reference_system.service_layer.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
LISTING = Principal("listing@MAG01", Role.LISTING_OFFICER, "MAG01")
ADVISER = Principal("adviser@MAG01", Role.LEGAL_ADVISER, "MAG01")


class FakeProvider:
    """Answers each POST from a script of (status, body) or exceptions; records every request."""

    def __init__(self):
        self.script: list = []
        self.requests: list[httpx.Request] = []
        self.refs = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script.pop(0) if self.script else 201
        if isinstance(step, Exception):
            raise step
        if step in (200, 201):
            self.refs += 1
            return httpx.Response(step, json={"provider_ref": f"EMS-{self.refs:06d}", "received_at": NOW.isoformat()})
        return httpx.Response(step, json={"detail": "scripted failure"})

    def bodies(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests]


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'platform.db'}"
    migrate(url)
    db = connect(url)
    seed(db, FixedClock(NOW), "not-a-real-hash", court_day=False)
    yield db
    db.engine.dispose()


@pytest.fixture
def clock():
    return FixedClock(NOW)


@pytest.fixture
def provider():
    return FakeProvider()


@pytest.fixture
def make_dispatcher(database, clock, provider) -> Callable[..., Dispatcher]:
    def make(**overrides) -> Dispatcher:
        settings = DispatchSettings(**{"backoff_base_s": 0.0, "backoff_max_s": 0.0, **overrides})
        client = HttpAgencyClient("http://provider.test", 1.0, transport=httpx.MockTransport(provider))
        return Dispatcher(database, clock, client, settings)

    return make


@pytest.fixture
def share(database, clock):
    """Share a result for a fresh one-defendant case; returns the hearing id."""
    counter = iter(range(1, 1000))

    def share_result(document: dict) -> int:
        urn = f"DISP{next(counter):06d}"
        with UnitOfWork(database, write=True) as uow:
            case = cases.create_case(uow, clock, LISTING, CreateCase(urn, "MAG01", "CPS", [NewDefendant(
                "Siân", "O'Brien", datetime(1990, 1, 1).date(), ADDRESS, None, [{"code": "TH68001", "wording": "Theft"}])]))
            defendant_id = case.defendants[0].id
        with UnitOfWork(database, write=True) as uow:
            hearing = hearings.list_hearing(uow, clock, LISTING, ListHearing(urn, "FIRST_APPEARANCE", "1", NOW))
            hearing_id, version = hearing.id, hearing.version
        with UnitOfWork(database, write=True) as uow:
            version = results.draft_result(uow, clock, ADVISER, DraftResult(hearing_id, defendant_id, version, document)).version
        with UnitOfWork(database, write=True) as uow:
            results.share_results(uow, clock, ADVISER, ShareResults(hearing_id, version))
        return hearing_id

    return share_result

