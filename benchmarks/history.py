"""Speed and size of the history store: 10,000 reports recorded into SQLite (and PostgreSQL).

One real report (this checkout, scored once) is recorded ``--records`` times under ``--targets``
target names, one transaction per record as ``score --record`` does; then it prints the insert rate,
the database size, and the time of a ``history`` query (one target's timeline) and of a ``diff``
from the history (two stored reports read back and compared).

PostgreSQL: ``--postgres URL`` of an empty database, else a throwaway cluster started from Debian's
server binaries (as the tests do); skipped with the reason when neither is possible.

    python benchmarks/history.py [--records 10000] [--targets 100] [--postgres URL]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from openness import api
from openness.assessment import Assessment
from openness.diff import diff_reports
from openness.history import HistoryStore, open_store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def variants(report: Assessment, records: int, targets: int) -> list[Assessment]:
    """``records`` reports spread over ``targets`` targets, one minute apart, each a different score."""
    out = []
    for i in range(records):
        minute = i
        stamp = f"2026-{1 + (minute // 40000) % 12:02d}-{1 + (minute // 1440) % 28:02d}T{(minute // 60) % 24:02d}:{minute % 60:02d}:00+00:00"
        score = report.score.model_copy(update={"overall": round(40 + (i % 50), 1)})
        out.append(report.model_copy(update={
            "target": report.target.model_copy(update={"id": f"bench/target-{i % targets:04d}", "revision": f"{i:040x}"}),
            "generated_at": stamp, "score": score}))
    return out


def measure(name: str, url: str, reports: list[Assessment], size: Callable[[HistoryStore], int]) -> None:
    store = open_store(url)
    try:
        started = time.perf_counter()
        for report in reports:
            store.record(report)
        elapsed = time.perf_counter() - started
        target = reports[0].target.id
        timings = []
        for _ in range(5):
            t0 = time.perf_counter()
            entries = store.timeline("local", target)
            timings.append(time.perf_counter() - t0)
        diffs = []
        for _ in range(5):
            t0 = time.perf_counter()
            diff_reports(store.report(entries[0].id), store.report(entries[-1].id))
            diffs.append(time.perf_counter() - t0)
        print(f"{name}: {len(reports)} records in {elapsed:.1f} s = {len(reports) / elapsed:,.0f} records/s; "
              f"database {size(store) / 1e6:,.1f} MB ({size(store) / len(reports) / 1e3:,.1f} kB per record); "
              f"history of one target ({len(entries)} records) {statistics.median(timings) * 1000:.1f} ms; "
              f"diff of two stored reports {statistics.median(diffs) * 1000:.1f} ms")
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--targets", type=int, default=100)
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database")
    args = parser.parse_args()
    report = api.score(str(REPO), offline=True)
    print(f"one report: {len(report.model_dump_json()) / 1e3:,.1f} kB of JSON, {len(report.findings)} findings")
    reports = variants(report, args.records, args.targets)
    folder = Path(tempfile.mkdtemp(prefix="openness-history-bench-"))
    try:
        path = folder / "history.sqlite3"
        measure("SQLite", f"sqlite:///{path}", reports,
                lambda _store: sum(p.stat().st_size for p in folder.glob("history.sqlite3*")))
        _postgres(args.postgres, reports)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _postgres(url: str | None, reports: list[Assessment]) -> None:
    def size(store: HistoryStore) -> int:
        with store.engine.connect() as connection:
            return int(connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one())

    if url:
        measure("PostgreSQL", url, reports, size)
        return
    from tests.history.postgres import Cluster, Unavailable, create_database

    root = Path(tempfile.mkdtemp(prefix="openness-pg-bench-"))
    try:
        cluster = Cluster(root)
    except Unavailable as why:
        print(f"PostgreSQL: skipped: {why}")
        shutil.rmtree(root, ignore_errors=True)
        return
    try:
        measure("PostgreSQL", create_database(cluster.url, "bench"), reports, size)
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
