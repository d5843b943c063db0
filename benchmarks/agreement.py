"""How often do our framework lenses agree with the published judgments?

Scores, from the recorded fixtures in ``../shared`` only (no network), every model of
the ground-truth files whose evidence the fixtures hold, and prints our verdict beside
the published one, dimension by dimension, with the agreement rate:

- Model Openness Tool records (``mot.dev.json``): MOF class, progress and components;
- European Open Source AI Index (``osai_index.dev.json``): the 12 dimensions;
- OSI OSAID verdicts (``osaid_verdicts.dev.json``): pass/fail;
- Papers with Code checklist labels (``fixtures/pwc/labels.json``): the five ticks;
- model-card sections against the card labels (``benchmarks/cards.py``, reused);
- licence identification on real licence files and on small real projects
  (``benchmarks/licenses.py``, reused);

then every disagreement with a one-line diagnosis: our rule, the label, or evidence missing
(an ``unknown`` of ours is evidence missing by definition; the others are the analyst's notes
in ``DIAGNOSES``, "not diagnosed" where none is written yet).

Hugging Face members are built from the recorded ``model_info`` responses (files from
``siblings``, card metadata, gating, the ``config`` block as ``config.json``); the Hub
README text is not part of those recordings. Checkouts are rebuilt from ``tree.json`` and
``docs/`` (sparse files of the recorded size), then read by the local fetcher.

    python benchmarks/agreement.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import cards as card_benchmark  # the sibling benchmarks, reused (run as python benchmarks/agreement.py)
import licenses as licence_benchmark

from openness import api
from openness.assessment import Assessment
from openness.evidence import Document, Evidence, FileEntry, Gap, HostFacts, Member, TargetRef
from openness.fetch.links import extract
from openness.frameworks import osai as osai_lens

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures"
TRUTH = SHARED / "ground-truth"

HUB_MODELS = {"gpt2": "openai-community__gpt2.json", "bert": "google-bert__bert-base-uncased.json",
              "llama3-8b-instruct": "meta-llama__Meta-Llama-3-8B-Instruct.json"}
MOT_CASES = {  # MOT record name → (hub fixture, checkout fixture)
    "GPT-2": ("gpt2", "openai__gpt-2"),
    "Meta-Llama-3-8B-Instruct": ("llama3-8b-instruct", None),
}
OSAI_CASES = {  # OSAI index entry name → (hub fixture, checkout fixture, caveat)
    "BERT": ("bert", "google-research__bert", ""),
    "Stanford Alpaca": (None, "tatsu-lab__stanford_alpaca", ""),
    "Vicuna": (None, "lm-sys__FastChat", "code repository only: no recorded Hub response for lmsys/vicuna-13b-v1.5"),
    "Mistral NeMo": (None, "mistralai__mistral-inference", "code repository only: no recorded Hub response for the weights"),
}


@dataclass(frozen=True)
class Disagreement:
    framework: str
    case: str
    item: str
    published: object
    ours: object
    reason: str


DISAGREEMENTS: list[Disagreement] = []
DIAGNOSES: dict[tuple[str, str], str] = {
    # (case, item) → diagnosis, from reading the fixture and the index's published evidence links.
    ("BERT", "trainingcode"): "the label: the index wants the Wikipedia/BooksCorpus extraction too; "
                              "we count run_pretraining.py and create_pretraining_data.py",
    ("BERT", "paper"): "evidence missing: the NAACL paper (ACL Anthology) is not linked from the repository",
    ("Stanford Alpaca", "datasources_basemodel"): "evidence missing: the LLaMA base model is named only in prose, "
                                                  "so we copy the end-model rating",
    ("Stanford Alpaca", "modelcard"): "the label: model_card.md covers 4 of 7 sections, the index says closed",
    ("Stanford Alpaca", "datasheet"): "the label: datasheet.md describes the data, the index says closed",
    ("Stanford Alpaca", "licenses"): "the label: only code is openly licensed (data and weights CC-BY-NC-4.0), "
                                     "closed by the index's two-of-three rule",
    ("Vicuna", "datasources_basemodel"): "evidence missing: the Llama 2 base model is not in the fixtures",
    ("Vicuna", "hardware_architecture"): "the label: the README names the training GPUs and the architecture, "
                                         "the index says closed",
    ("Vicuna", "paper"): "evidence missing: the NeurIPS proceedings page is not linked from the repository",
    ("Vicuna", "modelcard"): "evidence missing: the card is on the Hub, which the fixtures do not hold",
    ("Mistral NeMo", "weights_endmodel"): "evidence missing: no Hub response; README download links are credited",
    ("Mistral NeMo", "trainingcode"): "the label: mistral-inference holds inference code only",
    ("Mistral NeMo", "modelcard"): "evidence missing: the card is on the Hub, which the fixtures do not hold",
    # Papers with Code checklist (case = repository), from the recorded README and tree
    **{("cvlab-yonsei/projects", item): "our rule: a repository of project pages; the subfolder READMEs describe "
                                        "code kept in other repositories"
       for item in ("dependencies", "training", "evaluation", "pretrained")},
    ("LCSL/dpp-vfx", "dependencies"): "our rule: a README install line counts; the label wants a dependency file",
    ("songlab-cal/tape", "pretrained"): "our rule: the weights load through the package's from_pretrained names, "
                                        "with no download link",
    ("eth-sri/eran", "training"): "the label: the networks are trained in the separate DiffAI repository",
    ("brjathu/RPSnet", "pretrained"): "the label: the README links pre-trained models on Google Drive",
    ("pathak22/modular-assemblies", "training"): "the label: the tree holds src/test_env.py only; training is in "
                                                 "the PPO implementation the README builds upon",
    ("shupenggui/ATMC", "evaluation"): "our rule: robustness is evaluated by inference_model.py and "
                                       "other_attack_test.py, which no README command runs and no name marks",
    ("shupenggui/ATMC", "pretrained"): "the label: neither the README nor the tree offers a pre-trained model",
}


def disagree(framework: str, case: str, item: str, published: object, ours: object, reason: str) -> None:
    DISAGREEMENTS.append(Disagreement(framework, case, item, published, ours, reason))


def diagnosis(d: Disagreement) -> str:
    if d.ours == "unknown":
        return f"evidence missing: {d.reason}"
    if d.reason.startswith("lens not applied"):
        return f"our rule: {d.reason}"
    return DIAGNOSES.get((d.case, d.item), "not diagnosed")


def skeleton(fixture: Path, root: Path) -> Path:
    """A checkout from a recorded tree: sparse files of the recorded size, real text for the documents."""
    tree = json.loads((fixture / "tree.json").read_text(encoding="utf-8"))
    for entry in tree["files"]:
        path = root / entry["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.truncate(entry.get("size") or 0)
    for doc in (fixture / "docs").rglob("*"):
        if doc.is_file():
            target = root / doc.relative_to(fixture / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.read_bytes())
    return root


def hub_member(name: str, role: str) -> Member:
    body = json.loads((FIXTURES / "huggingface" / "api" / HUB_MODELS[name]).read_text(encoding="utf-8"))["body"]
    card = body.get("cardData") or {}
    documents = [Document(path="config.json", text=json.dumps(body["config"]), size=len(json.dumps(body["config"])))] \
        if body.get("config") else []
    return Member(
        role=role, kind="hf_model", id=body["id"], revision=body.get("sha"),  # type: ignore[arg-type]
        web_url=f"https://huggingface.co/{body['id']}/blob/{body.get('sha')}",
        files=[FileEntry(path=s["rfilename"], size=s.get("size")) for s in body.get("siblings", [])],
        documents=documents, card_data=card,
        host=HostFacts(gated=body.get("gated") or False, private=body.get("private"), library=body.get("library_name"),
                       pipeline_tag=body.get("pipeline_tag"), tags=body.get("tags", []),
                       license_detected=card.get("license")),
        links=extract(documents, card),
        # The recordings hold model_info only: the README card the Hub serves was not recorded.
        gaps=[Gap(what="README.md", kind="unreadable", reason="the recorded Hub response holds no README text")]
        if any(s["rfilename"] == "README.md" for s in body.get("siblings", [])) else [],
    )


def checkout_member(fixture: Path, workdir: Path, role: str) -> Member:
    root = skeleton(fixture, workdir / fixture.name)
    member = api.fetch_evidence(str(root)).primary
    repo = json.loads((fixture / "tree.json").read_text(encoding="utf-8"))["repo"]
    return member.model_copy(update={"role": role, "id": repo})


def bundle_evidence(hub: str | None, checkout: str | None, workdir: Path) -> Evidence:
    members = []
    if hub:
        members.append(hub_member(hub, "primary"))
    if checkout:
        members.append(checkout_member(FIXTURES / "checkouts" / checkout, workdir, "code" if members else "primary"))
    primary = members[0]
    return Evidence(target=TargetRef(kind=primary.kind, id=primary.id), fetched_at="2026-01-01T00:00:00+00:00",
                    members=members)


def bundle(hub: str | None, checkout: str | None, workdir: Path) -> Assessment:
    return api.score_evidence(bundle_evidence(hub, checkout, workdir))


def table(header: list[str], rows: list[list[object]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    line = lambda row: "| " + " | ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def mot(workdir: Path) -> None:
    print("## Model Openness Framework vs Model Openness Tool records\n")
    records = json.loads((TRUTH / "mot.dev.json").read_text(encoding="utf-8"))
    rows, agree = [], 0
    for name, (hub, checkout) in MOT_CASES.items():
        lens = bundle(hub, checkout, workdir).frameworks["mof"].details
        for record in (r for r in records if r["name"] == name):
            theirs = f"{record['mof_class_label']} {record['mof_progress_pct']['3']}/{record['mof_progress_pct']['2']}/{record['mof_progress_pct']['1']}"
            ours = f"{lens.label} {lens.progress.III}/{lens.progress.II}/{lens.progress.I}"
            same = lens.class_ == record["mof_class"]
            agree += same
            listed = {n for n, c in record["components"].items() if c["included"]}
            found = {c.name for c in lens.components if c.included}
            diff = [f"+{n}" for n in sorted(found - listed)] + [f"-{n}" for n in sorted(listed - found)]
            rows.append([f"{name} ({record['ground_truth_tier']})", theirs, ours, "yes" if same else "NO",
                         "; ".join(diff) or "same components"])
    print(table(["record (tier)", "MOT class III/II/I %", "ours", "class agrees", "components: +ours only, -record only"], rows))
    print(f"\nclass agreement: {agree}/{len(rows)}\n")


def osai(workdir: Path) -> None:
    print("## European Open Source AI Index, 12 dimensions\n")
    entries = {e["name"]: e for e in json.loads((TRUTH / "osai_index.dev.json").read_text(encoding="utf-8"))
               if e["dataset"] == "osai-index"}
    per_dim: Counter[str] = Counter()
    total_agree = total = judged = judged_agree = 0
    for name, (hub, checkout, caveat) in OSAI_CASES.items():
        evidence = bundle_evidence(hub, checkout, workdir)
        assessment = api.score_evidence(evidence)
        # The index judges each entry as a model release, even when only its code repository is in
        # the fixtures (which openness on its own scores as software): apply the lens regardless.
        lens = assessment.frameworks.get("osai") or osai_lens.evaluate(assessment.inventory)
        published = entries[name]
        rows = []
        for dim, theirs in published["dims"].items():
            ours = lens.row(dim).value
            same = ours == theirs
            per_dim[dim] += same
            total_agree += same
            total += 1
            if ours != "unknown":
                judged += 1
                judged_agree += same
            if not same:
                disagree("OSAI", name, dim, theirs, ours, lens.row(dim).reason)
            rows.append([dim, theirs, ours, "" if same else "≠", lens.row(dim).reason[:90]])
        print(f"### {name} (published {published['score']:.2f}, ours {lens.details.score:.2f})"
              f"{' — ' + caveat if caveat else ''}\n")
        print(table(["dimension", "published", "ours", "", "our reason"], rows) + "\n")
    print(table(["dimension", f"agree of {len(OSAI_CASES)}"], [[d, n] for d, n in per_dim.items()]))
    print(f"\ndimension agreement: {total_agree}/{total} = {total_agree / total:.0%}; where our evidence is present "
          f"(ours not unknown): {judged_agree}/{judged} = {judged_agree / max(judged, 1):.0%}\n")


def osaid() -> None:
    print("## OSI OSAID verdicts\n")
    verdicts = json.loads((TRUTH / "osaid_verdicts.dev.json").read_text(encoding="utf-8"))
    print(f"{len(verdicts)} published outcomes; none of their systems (" + ", ".join(v["name"] for v in verdicts)
          + ") has recorded evidence in the fixtures, so none is scored here.\n")


def pwc(workdir: Path) -> None:
    print("## Papers with Code ML code-completeness checklist\n")
    labels = json.loads((FIXTURES / "pwc" / "labels.json").read_text(encoding="utf-8"))
    items = ("dependencies", "training", "evaluation", "pretrained", "results")
    agree: Counter[str] = Counter()
    rows, exact_ticks = [], 0
    for label in labels:
        fixture = FIXTURES / "pwc" / label["repo"].replace("/", "__")
        root = skeleton(fixture, workdir / "pwc" / fixture.name)
        assessment = api.score(str(root))
        lens = assessment.frameworks.get("pwc")
        diffs = [] if lens else [f"lens not applied ({assessment.kind.reason}): no ticks"]
        for item in items:
            ours = int(lens is not None and lens.row(item).status == "pass")
            if ours == label["labels"][item]:
                agree[item] += 1
            else:
                diffs.append(f"{item}: label {label['labels'][item]}, ours {ours}")
                disagree("PwC", label["repo"], item, label["labels"][item], ours,
                         lens.row(item).reason if lens else diffs[0])
        ticks = lens.details.ticks if lens else 0
        exact_ticks += ticks == label["ticks"]
        rows.append([label["repo"], label["ticks"], ticks, "; ".join(diffs) or "all agree"])
    print(table(["repository", "label ticks", "our ticks", "disagreements"], rows))
    print()
    print(table(["item", f"agree of {len(labels)}", "rate"],
                [[i, agree[i], f"{agree[i] / len(labels):.0%}"] for i in items]))
    overall = sum(agree.values()) / (len(items) * len(labels))
    print(f"\nitem agreement: {sum(agree.values())}/{len(items) * len(labels)} = {overall:.0%}; "
          f"same tick count: {exact_ticks}/{len(labels)}\n")


def main() -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} not found: the benchmark needs ../shared beside the repository", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        mot(workdir)
        osai(workdir)
        osaid()
        pwc(workdir)
    print("## Model-card sections (benchmarks/cards.py)\n")
    card_benchmark.main()
    print("\n## Licence identification (benchmarks/licenses.py)")
    licence_benchmark.evaluate("real licence files", licence_benchmark.real_cases(), licence_benchmark.ours)
    licence_benchmark.evaluate_statements()
    print("\n## Disagreements\n")
    print(table(["framework", "case", "item", "published", "ours", "diagnosis"],
                [[d.framework, d.case, d.item, d.published, d.ours, diagnosis(d)] for d in DISAGREEMENTS]))
    counts = Counter(diagnosis(d).split(":")[0] for d in DISAGREEMENTS)
    print("\n" + ", ".join(f"{kind}: {n}" for kind, n in counts.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
