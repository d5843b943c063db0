"""Time scoring a release whose README is very large, or carries many licence badges.

Cases (each scored in-process through ``openness.api``, after one warm-up run on a small
README that loads the criteria, the patterns and the licence data):

  large-local   a local checkout whose README.md is ``--megabytes`` MB of ordinary Markdown
                (headings, prose, links, code blocks, tables); the local source reads a
                bounded prefix of it, as it would of any checkout.
  large-saved   the same README, whole, in a saved evidence file (a host can hand analysis
                a document this large: nothing downstream may assume the prefix).
  badges        a README with ``--badges`` shields.io licence badges (several licences,
                per-component labels), most of them under the licence section.

Prints the seconds of each case (untraced; peak memory is not a target here). Figures, never assertions.
Run: python benchmarks/readme.py [--megabytes 5] [--badges 50]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from openness import api
from openness.evidence import Document, Evidence, FileEntry, Member, TargetRef
from openness.fetch.documents import readme_card_data

LICENCES = ("MIT", "Apache--2.0", "BSD--3--Clause", "CC--BY--4.0", "CC--BY--NC--4.0", "GPL--3.0", "OpenRAIL--M",
            "LGPL_v3", "MPL--2.0", "Unlicense")
LABELS = ("License", "Code_License", "Data_License", "Model_License", "Weights_License", "Docs_License")


def large_readme(megabytes: float) -> str:
    """About ``megabytes`` MB of Markdown: sections of prose, links, a code block and a table each."""
    section = (
        "## Section {n}\n\n"
        "This model is trained on a public corpus; see [the paper](https://arxiv.org/abs/2307.{n:05d}) and\n"
        "[the code](https://github.com/example/project{n}) for details. The weights are released for research.\n"
        "Evaluation results are reported below, with the training data described in the data card.\n\n"
        "```bash\npip install example-{n}\npython -m example.train --config configs/{n}.yaml\n```\n\n"
        "| Benchmark | Score |\n|---|---|\n| MMLU | {n}.1 |\n| HellaSwag | {n}.2 |\n\n"
    )
    parts = ["# Example model\n\n"]
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        text = section.format(n=n)
        parts.append(text)
        size += len(text)
        n += 1
    parts.append("## License\n\nThe code is released under the MIT License.\n")
    return "".join(parts)


def badge_readme(badges: int) -> str:
    """A README with ``badges`` licence badges: a few up top, the rest in the licence section."""
    lines = [
        f"[![{LABELS[i % len(LABELS)].replace('_', ' ')}](https://img.shields.io/badge/"
        f"{LABELS[i % len(LABELS)]}-{LICENCES[i % len(LICENCES)]}-blue.svg)](https://opensource.org/licenses/x{i})"
        for i in range(badges)
    ]
    head, rest = lines[:5], lines[5:]
    return ("# Example\n\n" + "\n".join(head) + "\n\n## Install\n\npip install example\n\n"
            + "## Usage\n\nRun it.\n\n" * 20 + "## License\n\n" + "\n".join(rest) + "\n")


def saved_evidence(readme: str, folder: Path) -> Path:
    """A saved evidence file holding ``readme`` whole as the root README of a local member."""
    document = Document(path="README.md", text=readme, size=len(readme.encode()))
    card, _ = readme_card_data([document])
    member = Member(kind="local", source_label="local checkout", id="large", documents=[document],
                    files=[FileEntry(path="README.md", size=document.size)], card_data=card)
    evidence = Evidence(target=TargetRef(kind="local", id="large"),
                        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), members=[member])
    path = folder / "evidence.json"
    path.write_text(evidence.model_dump_json())
    return path


def checkout(readme: str, folder: Path, name: str) -> Path:
    root = folder / name
    root.mkdir()
    (root / "README.md").write_text(readme)
    (root / "train.py").write_text("print('train')\n")
    return root


def measure(run: Callable[[], object]) -> float:
    """Seconds of ``run()``."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--badges", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openness-bench-") as tmp:
        folder = Path(tmp)
        api.score(str(checkout(badge_readme(2), folder, "warm")))  # loads criteria, patterns, licence data
        large = large_readme(args.megabytes)
        cases = {
            f"large-local ({len(large) / 1e6:.1f} MB README, prefix read)": str(checkout(large, folder, "large")),
            f"large-saved ({len(large) / 1e6:.1f} MB README, whole)": str(saved_evidence(large, folder)),
            f"badges ({args.badges} licence badges)": str(checkout(badge_readme(args.badges), folder, "badges")),
        }
        print(f"{'case':<48} {'seconds':>8}")
        for label, target in cases.items():
            print(f"{label:<48} {measure(lambda target=target: api.score(target)):>8.2f}")


if __name__ == "__main__":
    main()
