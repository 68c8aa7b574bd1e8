"""Timers, memory readings and the one result record every benchmark returns."""

from __future__ import annotations

import gc
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent


@dataclass(slots=True)
class Result:
    """One target: ``value`` (in ``unit``) against ``baseline`` from the same run."""

    key: str
    name: str
    value: float
    unit: str
    baseline: float
    baseline_name: str
    target: str            # human text, e.g. "≤ 1.3× baseline"
    passed: bool
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    def line(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        return (f"{self.name}: {fmt(self.value, self.unit)} "
                f"({self.ratio:.2f}x {self.baseline_name} {fmt(self.baseline, self.unit)}) "
                f"— target {self.target}  {verdict}")

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["ratio"] = self.ratio
        return out


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1e-3:
            return f"{value * 1e6:.1f} µs"
        return f"{value * 1e3:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.3g} {unit}"


def best_of(fn: Callable[[], Any], repeats: int) -> float:
    """Smallest wall time of ``repeats`` calls.

    The garbage collector is emptied before each call and left on during it, as
    in the application (a parse that builds many objects pays for its collections).
    """
    best = float("inf")
    for _ in range(max(1, repeats)):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def interleaved(fns: dict[str, Callable[[], Any]], repeats: int) -> dict[str, float]:
    """Best time of each function, run in turns so drift hits them alike."""
    best = {k: float("inf") for k in fns}
    for _ in range(max(1, repeats)):
        for k, fn in fns.items():
            best[k] = min(best[k], best_of(fn, 1))
    return best


def rss_mb() -> tuple[float, float]:
    """(current VmRSS, peak VmHWM) of this process in MB."""
    cur = peak = 0.0
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return cur, peak


def run_probe(args: list[str], timeout: float = 600) -> dict[str, Any]:
    """Run ``python -m benchmarks.probe ARGS`` in a fresh process; its JSON answer."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.probe", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"probe {args[0]} failed ({proc.returncode}): "
                           f"{proc.stderr.strip()[-800:]}")
    return json.loads(lines[-1])


def wall_time(argv: list[str], env: dict[str, str] | None = None, timeout: float = 60) -> float:
    """Seconds a subprocess takes from spawn to exit (it must succeed)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed: {proc.stderr.strip()[-800:]}")
    return elapsed


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh
                        if ln.startswith("model name")), "")
    except OSError:
        pass
    mem = 0.0
    try:
        with open("/proc/meminfo") as fh:
            mem = int(next(ln for ln in fh if ln.startswith("MemTotal")).split()[1]) / 1024**2
    except (OSError, StopIteration):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu or platform.processor(), "ram_gb": round(mem, 1),
            "python": platform.python_version(), "platform": platform.platform()}
