from openness.evidence import Document, Evidence, FileEntry, Member, TargetRef
from openness.inventory import Signals, build_inventory


def _member(kind: str, files: list[str], role: str = "primary", docs: dict[str, str] | None = None) -> Member:
    return Member(kind=kind, id="acme/tiny-llm", role=role,  # type: ignore[arg-type]
                  files=[FileEntry(path=p, size=1) for p in files],
                  documents=[Document(path=p, text=t, size=len(t)) for p, t in (docs or {}).items()])


def test_members_with_the_same_name_keep_their_own_files() -> None:
    evidence = Evidence(target=TargetRef(kind="hf_model", id="acme/tiny-llm"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[_member("hf_model", ["model.safetensors", "config.json"]),
                                 _member("github", ["train.py", "eval.py"], role="code")])
    signals = Signals(evidence)
    assert [h.path for h in signals.files(r"[^/]+\.safetensors")] == ["model.safetensors"]
    assert [h.member.kind for h in signals.files(r"train\.py")] == ["github"]
    inventory = build_inventory(evidence, signals)
    assert inventory.component("final_parameters").status == "present"
    assert inventory.component("training_code").status == "present"


def test_name_and_folder_queries() -> None:
    evidence = Evidence(target=TargetRef(kind="local", id="r"), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[Member(kind="local", id="r", files=[FileEntry(path=p, size=1) for p in (
                            "README.md", "docs/README.md", "tests/unit/test_a.py", "src/tests.py", "data/x.csv")])])
    signals = Signals(evidence)
    assert [h.path for h in signals.files(r"readme\.md")] == ["README.md", "docs/README.md"]
    assert [h.path for h in signals.files(r"readme\.md", under="")] == ["README.md"]
    assert [h.path for h in signals.files(r"[^/]+", under=r"(?:.*/)?tests(?:/.*)?")] == ["tests/unit/test_a.py"]
    assert [h.path for h in signals.files(path=r"data/.*")] == ["data/x.csv"]
    assert signals.files(r"[^/]*\.py", limit=1) and len(signals.files(r"[^/]*\.py", limit=1)) == 1
