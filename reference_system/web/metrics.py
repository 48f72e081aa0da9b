"""Prometheus metrics: request latency by route, and the outbox and EM order figures operators watch."""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from ..adapters.orm import EmOrderRow, NotificationRow
from ..domain.model import NotificationStatus

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0)


class OutboxCollector:
    """Figures read from the database at scrape time, so every worker reports the same truth."""

    def __init__(self, platform_getter: Callable):
        self._platform = platform_getter

    def collect(self):
        platform = self._platform()
        if platform is None:
            return
        now = platform.clock.now()
        with platform.database.reading() as session:
            depth = session.scalar(select(func.count()).where(NotificationRow.status == NotificationStatus.PENDING)) or 0
            oldest = session.scalar(select(func.min(NotificationRow.created_at)).where(NotificationRow.status == NotificationStatus.PENDING))
            by_status = session.execute(select(EmOrderRow.status, func.count()).group_by(EmOrderRow.status)).all()
            overdue = session.scalar(select(func.count()).where(EmOrderRow.overdue.is_(True))) or 0
        yield GaugeMetricFamily("court_outbox_depth", "Notifications waiting to be delivered", value=depth)
        age = 0.0
        if oldest is not None:
            age = max(0.0, (now - oldest).total_seconds())
        yield GaugeMetricFamily("court_outbox_oldest_pending_age_seconds", "Age of the oldest undelivered notification", value=age)
        orders = GaugeMetricFamily("court_em_orders", "EM orders by status", labels=["status"])
        for status, count in by_status:
            orders.add_metric([status], count)
        yield orders
        yield GaugeMetricFamily("court_em_orders_overdue", "EM orders flagged overdue", value=overdue)


class Metrics:
    def __init__(self, platform_getter: Callable):
        self.registry = CollectorRegistry()
        self.latency = Histogram(
            "court_http_request_duration_seconds", "HTTP request latency by route",
            ["method", "route", "status"], buckets=LATENCY_BUCKETS, registry=self.registry,
        )
        self.registry.register(OutboxCollector(platform_getter))


class LatencyMiddleware:
    """Pure ASGI middleware (no per-request task overhead) timing each request against its route template."""

    def __init__(self, app, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def send_and_record(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            self.metrics.latency.labels(scope["method"], template, str(status["code"])).observe(time.perf_counter() - started)
