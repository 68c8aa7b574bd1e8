"""The JSON report as a Markdown section (``--markdown FILE``), for the README."""

from __future__ import annotations

from typing import Any

from benchmarks.measure import fmt


def _row(t: dict[str, Any]) -> str:
    verdict = "PASS" if t["passed"] else "**FAIL**"
    return (f"| {t['name']} | {fmt(t['value'], t['unit'])} | {t['baseline_name']}: "
            f"{fmt(t['baseline'], t['unit'])} | {t['ratio']:.2f}× | {t['target']} | {verdict} |")


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        "## Performance",
        "",
        f"Measured with `python -m benchmarks` (scales {', '.join(f'{s:g}×' for s in report['scales'])}"
        f" of {report['unit']:,} files) on {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, "
        f"Python {m['python']}; load average during the run "
        f"{report['load_avg'][0]:.1f}. Every figure is compared with a baseline timed in "
        "the same run; files are in the page cache (warm).",
        "",
        "| target | measured | baseline (same run) | ratio | goal | |",
        "|---|---|---|---|---|---|",
    ]
    lines += [_row(t) for t in report["targets"].values()]
    lines += ["", "For information (no target):", ""]
    lines += [f"- {t['name']}: {fmt(t['value'], t['unit'])} "
              f"({t['ratio']:.2f}× {t['baseline_name']})" for t in report["information"].values()]
    lines += ["", "How indexing grows with the folder:", "", "```"]
    lines += report["scaling_table"]
    lines += ["```", ""]
    if report.get("growth_table"):
        lines += ["Per-file cost at each scale against the first (1.00: linear):", "", "```"]
        lines += report["growth_table"]
        lines += ["```", ""]
    return "\n".join(lines)
