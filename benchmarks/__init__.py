"""On-demand performance benchmarks for recviewer (``python -m benchmarks``).

Every target is measured as a ratio against a baseline timed in the same run
(``measure.Result``). Nothing here is imported by the application; the tests
only smoke-run the runner (tests/test_benchmarks_smoke.py), never assert times.

Modules: ``corpus`` (scaled copies of the real corpus), ``measure`` (timers,
RSS, results), ``probe`` (measurements that need a fresh process: memory,
GUI, start-up), one ``bench_*`` module per target group, ``__main__`` (runner).
"""
