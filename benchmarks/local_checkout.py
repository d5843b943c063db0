"""Time `openness score` on synthetic checkouts of up to 100,000 files (every file name distinct,
about 400 documents per 100,000 files).

Prints, per tree size, the wall time of one scoring process, that time less the start-up of a
process scoring an empty directory (printed first), files per second on that difference, and
the process's peak memory, so linear growth can be checked. Figures, never assertions.
Run: python benchmarks/local_checkout.py [--files 100000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCUMENT_NAMES = ("README.md", "LICENSE", "requirements.txt", "CONTRIBUTING.md", "model_card.md", "Dockerfile")


def build_tree(root: Path, files: int) -> None:
    """``files`` files: 100 per folder, every name distinct; one folder in 25 holds the six documents
    (about 400 documents per 100,000 files)."""
    licence = "Permission is hereby granted, free of charge, to any person obtaining a copy\n" * 20
    per_folder = 100
    for index in range(files // per_folder):
        folder = root / f"pkg{index // 50:03d}" / f"mod{index:05d}"
        folder.mkdir(parents=True)
        count = per_folder
        if index % 25 == 0:
            for name in DOCUMENT_NAMES:
                (folder / name).write_text(f"# {name}\n\n" + licence if name == "LICENSE" else f"# {name}\n\ntext\n" * 30)
            count -= len(DOCUMENT_NAMES)
        for item in range(count):
            (folder / f"m{index:05d}_{item:03d}.py").write_bytes(b"x = 1\n")
    (root / "README.md").write_text("# Synthetic\n\n## Install\n\npip install .\n" + "word " * 300)


PEAK = "import resource, sys, runpy; sys.argv = ['openness'] + sys.argv[1:]\n" \
       "try:\n    runpy.run_module('openness', run_name='__main__')\n" \
       "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
"""Runs the CLI and prints its own peak RSS (KiB) last on stderr: a per-process figure, not the
running maximum over every child that ``RUSAGE_CHILDREN`` gives."""


def run_once(root: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one `openness score` process on ``root``."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, "score", str(root), "--format", "json", "-o", "/dev/null", "-q"],
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"openness exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openness-bench-") as empty:
        startup, startup_kib = min(run_once(Path(empty)) for _ in range(3))
    print(f"start-up (an empty directory): {startup:.2f} s, {startup_kib / 1024:.0f} MB\n")
    print(f"{'files':>8} {'seconds':>8} {'less start-up':>14} {'files/s':>10} {'peak MB':>8}")
    for size in (args.files // 10, args.files // 4, args.files // 2, args.files):
        root = Path(tempfile.mkdtemp(prefix="openness-bench-"))
        try:
            build_tree(root, size)
            run_once(root)  # warm the page cache, as a CI checkout would be
            elapsed, peak_kib = run_once(root)
            work = max(elapsed - startup, 1e-9)
            print(f"{size:>8} {elapsed:>8.2f} {work:>14.2f} {size / work:>10.0f} {peak_kib / 1024:>8.0f}")
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
