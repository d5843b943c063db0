from pathlib import Path

import pytest

from openness import api, batch
from openness.evidence import Evidence, Member, TargetRef
from openness.fetch import FetchOptions, registry
from openness.targets import Target, TargetError, expected_forms, parse_target


@pytest.mark.parametrize(("text", "expected"), [
    ("github:openai/gpt-2", Target("github", "openai/gpt-2")),
    ("github:openai/gpt-2@v1.0", Target("github", "openai/gpt-2", "v1.0")),
    ("GitHub:openai/gpt-2.git", Target("github", "openai/gpt-2")),
    ("https://github.com/openai/gpt-2", Target("github", "openai/gpt-2")),
    ("https://github.com/openai/gpt-2/", Target("github", "openai/gpt-2")),
    ("github.com/openai/gpt-2.git", Target("github", "openai/gpt-2")),
    ("https://github.com/openai/gpt-2/tree/release/1.0", Target("github", "openai/gpt-2", "release/1.0")),
    ("https://github.com/openai/gpt-2/commit/9b63575e", Target("github", "openai/gpt-2", "9b63575e")),
    ("hf:meta-llama/Meta-Llama-3-8B", Target("hf_model", "meta-llama/Meta-Llama-3-8B")),
    ("hf:gpt2", Target("hf_model", "gpt2")),
    ("hf:EleutherAI/pythia-160m@step1000", Target("hf_model", "EleutherAI/pythia-160m", "step1000")),
    ("https://huggingface.co/EleutherAI/pythia-160m", Target("hf_model", "EleutherAI/pythia-160m")),
    ("https://huggingface.co/EleutherAI/pythia-160m/tree/step1000", Target("hf_model", "EleutherAI/pythia-160m", "step1000")),
    ("https://hf.co/gpt2", Target("hf_model", "gpt2")),
    ("https://huggingface.co/datasets/allenai/dolma", Target("hf_dataset", "allenai/dolma")),
    ("hf-dataset:allenai/dolma@v1_7", Target("hf_dataset", "allenai/dolma", "v1_7")),
])
def test_remote_forms(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


def test_local_directory_and_evidence_file(tmp_path: Path) -> None:
    evidence = tmp_path / "evidence.json"
    evidence.write_text("{}")
    assert parse_target(str(tmp_path)) == Target("local", str(tmp_path.resolve()))
    assert parse_target(str(evidence)) == Target("evidence", str(evidence.resolve()))


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty target"),
    ("github:openai", "expected github:OWNER/REPO"),
    ("github:-bad/repo", "expected github:OWNER/REPO"),
    ("github:openai/gpt-2@", "malformed revision"),
    ("github:openai/gpt-2@bad rev", "malformed revision"),
    ("hf:", "expected hf:ORG/MODEL"),
    ("hf:a/b/c", "expected hf:ORG/MODEL"),
    ("hf:datasets/foo", "expected hf:ORG/MODEL"),
    ("hf-dataset:bad..name/x", "expected hf-dataset:ORG/NAME"),
    ("https://github.com/openai", "names no repository"),
    ("https://github.com/openai/gpt-2/issues/3", "unsupported GitHub URL"),
    ("https://huggingface.co/spaces/org/app", "Spaces are not supported"),
    ("https://bitbucket.org/org/repo", "unsupported URL"),
    ("gitlab:group", "expected gitlab:GROUP/PROJECT"),
    ("https://gitlab.com/group/project/-/issues/3", "unsupported GitLab URL"),
    ("openai/gpt-2", "write github:openai/gpt-2 or hf:openai/gpt-2"),
    ("./does/not/exist", "no such directory"),
])
def test_malformed_targets_name_what_was_expected(text: str, message: str) -> None:
    with pytest.raises(TargetError) as error:
        parse_target(text)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_plain_file_is_not_a_target(tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("x")
    with pytest.raises(TargetError, match="not a directory or an evidence .json file"):
        parse_target(str(plain))


def test_target_prints_back_in_canonical_form() -> None:
    assert str(parse_target("https://huggingface.co/datasets/allenai/dolma/tree/v1")) == "hf-dataset:allenai/dolma@v1"


class _Forge:
    """A source a plug-in could add: nothing in openness names it."""

    kind = "forge"
    label = "Forge repository"
    prefixes = ("forge:",)
    forms = ("forge:NAME",)
    service = "forge"
    concurrency = 1

    def hosts(self) -> frozenset[str]:
        return frozenset({"forge.example"})

    def parse(self, body: str, original: str) -> Target:
        return Target(self.kind, body)

    def parse_url(self, parts: list[str], original: str) -> Target:
        return Target(self.kind, "/".join(parts))

    def fetch(self, target: Target, options: FetchOptions) -> Evidence:
        member = Member(kind=self.kind, source_label=self.label, id=target.id, offers=["tags"])
        return Evidence(target=TargetRef(kind=self.kind, id=target.id), fetched_at="2025-11-26T00:00:00+00:00",
                        members=[member])


@pytest.fixture
def forge(monkeypatch: pytest.MonkeyPatch) -> _Forge:
    registry.sources()
    monkeypatch.setattr(registry, "_sources", dict(registry._sources))
    source = _Forge()
    registry.register(source)
    return source


def test_a_registered_source_is_parsed_printed_and_fetched(forge: _Forge) -> None:
    assert parse_target("forge:thing") == Target("forge", "thing")
    assert parse_target("https://forge.example/a/b") == Target("forge", "a/b")
    assert str(Target("forge", "thing")) == "forge:thing"
    assert "forge:NAME" in expected_forms()
    evidence = api.fetch_evidence("forge:thing")
    assert (evidence.primary.kind, evidence.primary.source_label) == ("forge", "Forge repository")
    assert batch.service_of(Target("forge", "x")) == "forge" and batch.SERVICE_LIMITS["forge"] == 1


def test_a_taken_prefix_or_kind_is_refused(forge: _Forge) -> None:
    clash = _Forge()
    with pytest.raises(ValueError, match="already registered"):
        registry.register(clash)
    clash.kind = "forge2"
    with pytest.raises(ValueError, match="prefix 'forge:' is already registered"):
        registry.register(clash)
