"""Capacity search: the highest multiple of the national end-of-day peak this machine holds within the SLOs.

    uv run python -m load.capacity --serve                       # a fresh reference platform for every step
    uv run python -m load.capacity --target URL --provider-url URL [--start 5 --step 5 --max 60 --refine 2]

Each step is one `load.run --profile capacity` (everyone starts work, then the share-spike peak is held for
30 s) followed by reconciliation. A step is *held* when every SLO in load/slo.toml is met and reconciliation
is perfect. The search climbs in steps until one breaks, then halves the gap between the last held and the
first broken multiple `--refine` times. Platform, provider and Locust share this machine's cores, so the
figure is a floor for a deployment with dedicated hosts; the output says how many cores there were and how
busy the machine already was.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from load.national_peak import PEAK
from load.run import ready

STEP_LIMIT_S = 300.0


@dataclass
class Step:
    multiplier: float
    held: bool
    exit_code: int | None
    breaches: list[str] = field(default_factory=list)
    share_p95_ms: float | None = None
    read_p95_ms: float | None = None
    rps: float | None = None
    throughput_ratio: float | None = None
    peak_rps: float | None = None
    em_orders: int | None = None
    reconciliation_ok: bool | None = None
    load_average: float | None = None

    def line(self) -> str:
        verdict = "held" if self.held else "BROKE"
        why = "" if self.held else f"  ({'; '.join(self.breaches) or f'exit code {self.exit_code}'})"
        return (f"  x{self.multiplier:<6g} {verdict:5}  {self.rps} req/s over the run ({self.throughput_ratio} of the "
                f"planned requests; {self.peak_rps} req/s planned at the peak), "
                f"share p95 {self.share_p95_ms} ms, read p95 {self.read_p95_ms} ms, {self.em_orders} EM orders "
                f"reconciled {'perfectly' if self.reconciliation_ok else 'WITH DISCREPANCIES'}; load average "
                f"{self.load_average}{why}")


# Request threads a worker process gets when several share the cores: 8 held x10 with 3 workers where the
# default 40 broke at x10 on draft and write latency (the write lock's holder waited for the GIL).
THREADS_WITH_WORKERS = 8


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def reference_platform(workdir: Path, workers: int = 1, faults: tuple[str, ...] = ()):
    """A fresh `python -m reference_system serve --test-mode` on free loopback ports (started, never imported),
    with `workers` uvicorn worker processes on its SQLite file (then 8 request threads each: see
    load/README.md) and the seeded `faults` switched on."""
    port, provider_port = free_port(), free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "reference_system", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--provider-port", str(provider_port), "--test-mode", "--database", f"sqlite:///{workdir / 'platform.db'}", "--workers", str(workers)]
    if workers > 1:
        command += ["--request-threads", str(THREADS_WITH_WORKERS)]
    for fault in faults:
        command += ["--fault", fault]
    with (workdir / "platform.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    target = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while not ready(target):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the reference platform did not start (see {workdir / 'platform.log'})")
            time.sleep(0.5)
        yield target, f"http://127.0.0.1:{provider_port}"
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=10)
                break
            except subprocess.TimeoutExpired:
                continue


def run_step(multiplier: float, target: str, provider_url: str, out: Path, processes: int) -> Step:
    command = [sys.executable, "-m", "load.run", "--target", target, "--provider-url", provider_url,
               "--profile", "capacity", "--multiplier", f"{multiplier:g}", "--processes", str(processes),
               "--out", str(out)]
    load_average = round(os.getloadavg()[0], 2)
    with (out.parent / f"{out.name}.log").open("wb") as log:
        try:
            code = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, timeout=STEP_LIMIT_S).returncode
        except subprocess.TimeoutExpired:
            return Step(multiplier, False, None, ["the step did not finish in time"], load_average=load_average)
    try:
        results = json.loads((out / "load-results.json").read_text())
        reconciliation = json.loads((out / "reconciliation.json").read_text())
    except (OSError, ValueError):
        return Step(multiplier, False, code, ["no evidence (see the step's log)"], load_average=load_average)
    outcomes = results["slo"]["outcomes"]
    breaches = [f"{o['id']} {o['value']} > {o['limit']}" if o["direction"] == "max" else
                f"{o['id']} {o['value']} < {o['limit']}" for o in outcomes if not o["ok"]]
    breaches += reconciliation.get("problems", [])
    peak = next((s for s in results["stages"] if s["level"] == 1.0), {})
    groups = results.get("groups", {})
    return Step(
        multiplier=multiplier, held=results["slo"]["passed"] and reconciliation["ok"], exit_code=code,
        breaches=breaches, share_p95_ms=groups.get("share", {}).get("p95_ms"),
        read_p95_ms=groups.get("read", {}).get("p95_ms"), rps=results["throughput"]["rps"],
        throughput_ratio=results["throughput"]["ratio"], peak_rps=peak.get("planned_rps"),
        em_orders=reconciliation.get("recorded"),
        reconciliation_ok=reconciliation["ok"], load_average=load_average,
    )


def search(measure, start: float, step: float, maximum: float, refine: int) -> tuple[float | None, list[Step]]:
    """Climb until a step breaks, then bisect `refine` times. `measure(multiplier) -> Step`. Pure control flow."""
    steps: list[Step] = []
    held, broke = None, None
    multiplier = start
    while multiplier <= maximum:
        result = measure(multiplier)
        steps.append(result)
        if not result.held:
            broke = multiplier
            break
        held = multiplier
        multiplier = round(multiplier + step, 2)
    low = held if held is not None else 0.0
    for _ in range(refine if broke is not None else 0):
        middle = round((low + broke) / 2, 1)
        if middle in (low, broke) or middle <= 0:
            break
        result = measure(middle)
        steps.append(result)
        if result.held:
            low = held = middle
        else:
            broke = middle
    return held, steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m load.capacity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", help="the platform's base URL (with --provider-url); or use --serve")
    parser.add_argument("--provider-url")
    parser.add_argument("--serve", action="store_true", help="start a fresh reference platform for every step")
    parser.add_argument("--start", type=float, default=5.0)
    parser.add_argument("--step", type=float, default=5.0)
    parser.add_argument("--max", type=float, default=60.0)
    parser.add_argument("--refine", type=int, default=2, help="bisection steps after the first break")
    parser.add_argument("--processes", type=int, default=1, help="Locust processes")
    parser.add_argument("--platform-workers", type=int, default=1,
                        help="with --serve: the platform's worker processes (serve --workers N)")
    parser.add_argument("--out", type=Path, default=Path("reports/load-capacity"))
    args = parser.parse_args(argv)
    if not args.serve and not (args.target and args.provider_url):
        parser.error("give --target and --provider-url, or --serve")
    args.out.mkdir(parents=True, exist_ok=True)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    started_load = round(os.getloadavg()[0], 2)

    def measure(multiplier: float) -> Step:
        out = args.out / f"x{multiplier:g}"
        print(f"capacity: x{multiplier:g} the national peak ({PEAK.at(multiplier)['requests_per_second']} req/s at "
              f"the peak level) ...", flush=True)
        if args.serve:
            with reference_platform(args.out / f"platform-x{multiplier:g}", args.platform_workers) as (target,
                                                                                                   provider_url):
                result = run_step(multiplier, target, provider_url, out, args.processes)
        else:
            result = run_step(multiplier, args.target, args.provider_url, out, args.processes)
        print(result.line(), flush=True)
        return result

    highest, steps = search(measure, args.start, args.step, args.max, args.refine)
    workers = f" with {args.platform_workers} worker processes" if args.serve and args.platform_workers > 1 else ""
    machine = (f"platform{workers}, EM provider and Locust ({args.processes} process(es)) shared {cores} CPU cores on this "
               f"machine; its load average was {started_load} when the search began"
               f"{' (other work was running)' if started_load > 0.5 * cores else ''}")
    report = {
        "highest_multiplier_held": highest,
        "national_peak_requests_per_second": round(PEAK.requests_per_second, 3),
        "held_requests_per_second": PEAK.at(highest)["requests_per_second"] if highest else None,
        "machine": machine, "cores": cores, "load_average_at_start": started_load,
        "serve": args.serve, "platform_workers": args.platform_workers if args.serve else None, "steps": [asdict(s) for s in steps],
    }
    (args.out / "capacity.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("\nCapacity search")
    for s in sorted(steps, key=lambda s: s.multiplier):
        print(s.line())
    if highest:
        print(f"\nHighest multiple held: x{highest:g} the national end-of-day peak "
              f"({report['held_requests_per_second']} req/s at the peak level), on {machine}.")
    else:
        lowest = min(s.multiplier for s in steps)
        print(f"\nNo multiple held, down to x{lowest:g} (on {machine}).")
    return 0 if highest else 1


if __name__ == "__main__":
    sys.exit(main())
