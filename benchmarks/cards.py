"""Agreement of ``openness.cards`` with the hand labels of 60 real model cards.

Reads ``../shared/fixtures/cards/`` (beside the repository; exits quietly when absent) and
prints, per section: agreement, precision and recall of ``section_coverage`` against the
labels (over all cards, and over the cards whose label is not marked uncertain), then the
front-matter agreement (parse outcome and the keys found), then every disagreement.

    python benchmarks/cards.py [--quiet]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from openness.cards import SECTION_NAMES, CardMetadataError, section_coverage, split_front_matter

CARDS = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "cards"
FRONT_MATTER_KEYS = ("license", "datasets", "language", "base_model", "model-index", "pipeline_tag", "tags")


def _front_matter(text: str) -> tuple[str, list[str]]:
    try:
        data, _ = split_front_matter(text)
    except CardMetadataError:
        return "invalid_yaml", []
    if data is None:
        return "none", []
    return "ok", sorted(k for k in FRONT_MATTER_KEYS if data.get(k) not in (None, "", [], {}))


def main() -> int:
    if not (CARDS / "labels.json").is_file():
        print(f"no labelled cards at {CARDS}; nothing to measure")
        return 0
    labels = json.loads((CARDS / "labels.json").read_text(encoding="utf-8"))
    counts = {name: {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "sure": 0, "sure_ok": 0} for name in SECTION_NAMES}
    misses: list[str] = []
    fm_parse_ok = fm_keys_ok = 0
    for record in labels:
        text = (CARDS / record["file"]).read_bytes().decode("utf-8", errors="replace")
        found = {name: section is not None for name, section in section_coverage(text).items()}
        for name in SECTION_NAMES:
            truth, got = record["sections"][name], found[name]
            slot = counts[name]
            slot[("t" if truth == got else "f") + ("p" if got else "n")] += 1
            if name not in record["uncertain"]:
                slot["sure"] += 1
                slot["sure_ok"] += truth == got
            if truth != got:
                flag = " (uncertain)" if name in record["uncertain"] else ""
                misses.append(f"  {record['file']}: {name} labelled {truth}, found {got}{flag}")
        parse, keys = _front_matter(text)
        fm_parse_ok += parse == record["front_matter_parse"]
        fm_keys_ok += keys == sorted(record["front_matter"])
        if keys != sorted(record["front_matter"]):
            misses.append(f"  {record['file']}: front matter keys {keys}, labelled {sorted(record['front_matter'])}")

    total = len(labels)
    print(f"{total} cards; section agreement with the labels")
    print(f"{'section':22} {'agree':>7} {'sure':>7} {'precision':>10} {'recall':>7}")
    all_ok = 0
    for name in SECTION_NAMES:
        c = counts[name]
        agree = c["tp"] + c["tn"]
        all_ok += agree
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        sure = c["sure_ok"] / c["sure"] if c["sure"] else 1.0
        print(f"{name:22} {agree / total:7.1%} {sure:7.1%} {precision:10.2f} {recall:7.2f}")
    print(f"{'all sections':22} {all_ok / (total * len(SECTION_NAMES)):7.1%}")
    print(f"front matter: parse outcome {fm_parse_ok}/{total}, key set {fm_keys_ok}/{total}")
    if "--quiet" not in sys.argv and misses:
        print("disagreements:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
