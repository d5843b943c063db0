"""Time `openness score` on a synthetic checkout of 100,000 files, a few hundred of them documents.

Prints files per second and peak memory for several tree sizes, so linear growth can be
checked. Run: python benchmarks/local_checkout.py [--files 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCUMENT_NAMES = ("README.md", "LICENSE", "requirements.txt", "CONTRIBUTING.md", "model_card.md", "Dockerfile")


def build_tree(root: Path, files: int) -> None:
    """``files`` files: 100 per folder, one folder in 250 with documents (~400 documents per 100k)."""
    licence = "Permission is hereby granted, free of charge, to any person obtaining a copy\n" * 20
    per_folder = 100
    for index in range(files // per_folder):
        folder = root / f"pkg{index // 50:03d}" / f"mod{index:05d}"
        folder.mkdir(parents=True)
        count = per_folder
        if index % 250 == 0:
            for name in DOCUMENT_NAMES:
                (folder / name).write_text(f"# {name}\n\n" + licence if name == "LICENSE" else f"# {name}\n\ntext\n" * 30)
            count -= len(DOCUMENT_NAMES)
        for item in range(count):
            (folder / f"file{item:03d}.py").write_bytes(b"x = 1\n")
    (root / "README.md").write_text("# Synthetic\n\n## Install\n\npip install .\n" + "word " * 300)


def run_once(root: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one `openness score` process on ``root``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "openness", "score", str(root), "--format", "json", "-o", "/dev/null"],
                   check=True, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed, max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{'files':>8} {'seconds':>8} {'files/s':>10} {'peak MB':>8}")
    for size in (args.files // 4, args.files // 2, args.files):
        root = Path(tempfile.mkdtemp(prefix="openness-bench-"))
        try:
            build_tree(root, size)
            run_once(root)  # warm the page cache, as a CI checkout would be
            elapsed, peak_kib = run_once(root)
            print(f"{size:>8} {elapsed:>8.2f} {size / elapsed:>10.0f} {peak_kib / 1024:>8.0f}")
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
