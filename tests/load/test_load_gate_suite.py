"""The gate's load suite: its command, and the checks it reads from the load run's evidence."""

from __future__ import annotations

import json
from pathlib import Path

from release_gate.checks import judge
from release_gate.model import SuiteResult
from release_gate.processes import ProcessOutcome
from release_gate.suites import build_registry
from release_gate.suites.base import SuiteContext
from release_gate.suites.load import LoadSuite


def context(tmp_path: Path, **options) -> SuiteContext:
    suite = LoadSuite()
    values = {name: spec.default for name, spec in suite.option_specs().items()}
    values.update(options)
    return SuiteContext(project_root=tmp_path, report_dir=tmp_path, evidence_dir=tmp_path / "evidence" / "load",
                        allure_dir=tmp_path / "allure", target="http://127.0.0.1:8000",
                        provider_url="http://127.0.0.1:8001", seed=1, timeout_s=300, options=values,
                        workers=2, python="python")


def figures(share_p95=120.0, read_p95=40.0, failures=0, slo_ok=True):
    outcome = {"id": "share.p95", "title": "p95 of share at most 300 ms", "value": share_p95, "limit": 300.0,
               "direction": "max", "ok": slo_ok}
    return {
        "run_id": "RUNAB1", "profile": "ci", "multiplier": 10.0, "processes": 2, "users": 87, "duration_s": 41.5,
        "target": {"requests_per_second": 97.5},
        "endpoints": {"POST /api/v1/hearings/[id]/share": {"group": "share", "p50_ms": 60, "p95_ms": share_p95,
                                                            "p99_ms": 200}},
        "groups": {"share": {"requests": 200, "p50_ms": 60, "p95_ms": share_p95, "p99_ms": 200, "rps": 5},
                   "read": {"requests": 900, "p50_ms": 10, "p95_ms": read_p95, "p99_ms": 90, "rps": 22}},
        "total": {"requests": 1700, "failures": failures, "failure_ratio": failures / 1700, "rps": 41},
        "throughput": {"ratio": 0.97, "rps": 41, "planned_rps": 42, "requests": 1700, "planned_requests": 1750},
        "series": {"p95_ms": {"share": [[2.0, 100.0], [4.0, 130.0]]}},
        "stages": [{"name": "share spike peak"}],
        "backlog": {"peak": 12, "series": [[1.0, 12]]},
        "slo": {"passed": slo_ok, "limits": {"share": 300.0, "read": 150.0}, "outcomes": [outcome]},
    }


def reconciliation(missing=0, recorded=9):
    return {"run_id": "RUNAB1", "recorded": recorded, "received": recorded - missing, "missing": missing,
            "duplicates": 0, "unacknowledged": missing, "unexpected": 0, "p50_delivery_s": 0.2,
            "p95_delivery_s": 0.6, "max_delivery_s": 0.9, "drain_s": 1.5, "drained": True, "backlog_peak": 12,
            "notifications": {"recorded": 40, "received": 40, "missing": 0, "duplicates": 0, "unsent": 0,
                              "unexpected": 0},
            "ok": missing == 0 and recorded > 0, "problems": [f"{missing} EM orders never reached the provider"] if missing else []}


def run_suite(tmp_path: Path, results: dict, rec: dict, exit_code: int = 0):
    suite, ctx = LoadSuite(), context(tmp_path)
    ctx.evidence_dir.mkdir(parents=True)
    (ctx.evidence_dir / "load-results.json").write_text(json.dumps(results))
    (ctx.evidence_dir / "reconciliation.json").write_text(json.dumps(rec))
    result = SuiteResult(name="load")
    suite.parse_evidence(ctx, ProcessOutcome(exit_code, False, 50.0), result)
    specs = {s.id: s for s in suite.check_specs()}
    checks = {m.check_id: judge(specs[m.check_id], m) for m in suite.measure(result, specs)}
    return result, checks


def test_the_suite_is_registered_under_its_standard_name():
    assert isinstance(build_registry()["load"], LoadSuite)


def test_the_command_runs_the_load_run_with_the_profile_the_multiplier_and_the_gates_workers(tmp_path):
    command = LoadSuite().build_command(context(tmp_path, profile="full", multiplier=12.5))
    assert command[:3] == ["python", "-m", "load.run"]
    assert command[command.index("--profile") + 1] == "full"
    assert command[command.index("--multiplier") + 1] == "12.5"
    assert command[command.index("--processes") + 1] == "2"
    assert command[command.index("--provider-url") + 1] == "http://127.0.0.1:8001"


def test_platform_workers_run_the_day_on_a_fresh_platform_of_the_suites_own_with_the_gates_faults(tmp_path):
    ctx = context(tmp_path, platform_workers=3)
    ctx.env = {"RELEASE_GATE_EMBEDDED": "1", "RELEASE_GATE_FAULTS": "slow-case-search,drop-notifications"}
    command = LoadSuite().build_command(ctx)
    assert "--target" not in command and "--provider-url" not in command
    assert command[command.index("--serve-workers") + 1] == "3"
    assert [command[i + 1] for i, a in enumerate(command) if a == "--fault"] == ["slow-case-search",
                                                                                 "drop-notifications"]


def test_against_a_target_platform_workers_do_not_apply_the_target_is_measured(tmp_path):
    ctx = context(tmp_path, platform_workers=3)
    ctx.env = {"RELEASE_GATE_EMBEDDED": "0"}
    command = LoadSuite().build_command(ctx)
    assert "--serve-workers" not in command and command[command.index("--target") + 1] == "http://127.0.0.1:8000"


def test_a_good_run_passes_every_check_and_feeds_reconciliation_and_charts(tmp_path):
    result, checks = run_suite(tmp_path, figures(), reconciliation())
    assert {k: c.status for k, c in checks.items()} == {
        "load.ran": "pass", "load.slo": "pass", "load.p95_share_ms": "pass", "load.p95_read_ms": "pass",
        "load.failure_ratio": "pass", "load.throughput": "pass", "load.reconciliation": "pass", "load.drain_s": "pass",
    }
    assert {k: result.reconciliation[k] for k in ("recorded", "received", "missing", "duplicates", "p95_delivery_s")} \
        == {"recorded": 9, "received": 9, "missing": 0, "duplicates": 0, "p95_delivery_s": 0.6}
    assert result.latency["percentiles"]["POST /hearings/[id]/share"]["p95"] == 120.0
    assert result.latency["slo"]["POST /hearings/[id]/share"] == 300.0
    assert result.latency["series"]["share p95"] == [[2.0, 100.0], [4.0, 130.0]]
    assert [t.status for t in result.tests] == ["passed", "passed"]


def test_a_slow_share_and_a_lost_em_order_fail_their_key_checks(tmp_path):
    _, checks = run_suite(tmp_path, figures(share_p95=450.0, slo_ok=False), reconciliation(missing=2), exit_code=1)
    assert checks["load.p95_share_ms"].status == "fail" and checks["load.p95_share_ms"].key
    assert checks["load.slo"].status == "fail"
    assert checks["load.reconciliation"].status == "fail" and checks["load.reconciliation"].value == 4
    assert "never reached the provider" in checks["load.reconciliation"].detail


def test_a_run_with_no_em_order_fails_reconciliation_rather_than_passing_it(tmp_path):
    _, checks = run_suite(tmp_path, figures(), reconciliation(recorded=0))
    assert checks["load.reconciliation"].status == "fail"


def test_missing_evidence_is_a_suite_error_so_the_gate_fails_closed(tmp_path):
    suite, ctx = LoadSuite(), context(tmp_path)
    ctx.evidence_dir.mkdir(parents=True)
    result = SuiteResult(name="load")
    suite.parse_evidence(ctx, ProcessOutcome(1, False, 5.0), result)
    assert result.error and "load-results.json is missing" in result.error
    crashed = SuiteResult(name="load")
    suite.parse_evidence(ctx, ProcessOutcome(2, False, 5.0), crashed)
    assert crashed.error and "could not be evaluated" in crashed.error


def test_without_the_providers_ledger_the_suite_cannot_reconcile(tmp_path):
    ctx = context(tmp_path)
    ctx.provider_url = ""
    assert "provider" in LoadSuite().run(ctx).error
