import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from openness import api
from openness.evidence import SCHEMA_VERSION, Evidence
from openness.fetch.documents import MAX_DOCUMENT_BYTES
from openness.fetch.local import fetch_local
from openness.targets import Target

from .conftest import MIT_TEXT, write_tree

NOW = datetime(2025, 11, 26, tzinfo=UTC)


def fetch(root: Path) -> Evidence:
    return fetch_local(Target("local", str(root)), NOW)


def gap_kinds(evidence: Evidence) -> dict[str, str]:
    return {g.what: g.kind for g in evidence.all_gaps()}


def test_lists_files_reads_documents_and_skips_tool_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "README.md": "# Hello\n", "LICENSE": MIT_TEXT, "src/app.py": "x = 1\n",
        "requirements.txt": "numpy==2.0\n", ".github/workflows/ci.yml": "on: push\n",
        "CITATION.cff": "cff-version: 1.2.0\n", "docs/SECURITY.md": "Mail security@example.org\n",
        "node_modules/pkg/README.md": "# vendored\n", "__pycache__/app.cpython-311.pyc": b"\x00",
        "venv/pyvenv.cfg": "home = /usr\n", "venv/lib/site.py": "x\n",
    })
    member = fetch(tmp_path).primary
    paths = [f.path for f in member.files]
    assert paths == sorted(paths)
    assert "src/app.py" in paths and "README.md" in paths
    assert not any(p.startswith(("node_modules/", "__pycache__/", "venv/")) for p in paths)
    docs = {d.path for d in member.documents}
    assert {"README.md", "LICENSE", "requirements.txt", ".github/workflows/ci.yml", "CITATION.cff",
            "docs/SECURITY.md"} <= docs
    assert "src/app.py" not in docs
    assert next(f for f in member.files if f.path == "LICENSE").size == len(MIT_TEXT.encode())


def test_symlinks_out_of_root_and_loops_become_gaps(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_tree(outside, {"secret.txt": "do not read\n"})
    root = write_tree(tmp_path / "repo", {"README.md": "# r\n", "data/real.txt": "x\n"})
    os.symlink(outside / "secret.txt", root / "LICENSE")
    os.symlink(outside, root / "escape")
    os.symlink(root / "loop_a", root / "loop_b")
    os.symlink(root / "loop_b", root / "loop_a")
    os.symlink(root / "data", root / "data_alias")
    os.symlink(root / "data" / "real.txt", root / "alias.txt")
    evidence = fetch(root)
    gaps = gap_kinds(evidence)
    assert gaps["LICENSE"] == "symlink_outside"
    assert gaps["escape"] == "symlink_outside"
    assert gaps["loop_a"] == "symlink_loop" and gaps["loop_b"] == "symlink_loop"
    paths = {f.path for f in evidence.primary.files}
    assert "alias.txt" in paths  # a file link inside the root is listed
    assert not any(p.startswith("data_alias/") for p in paths)  # a folder link is not walked twice
    assert all("do not read" not in d.text for d in evidence.primary.documents)


def test_binary_posing_as_text_and_huge_files(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "LICENSE": b"\x7fELF\x00\x00binary",
        "README.md": "# big\n" + "word " * (MAX_DOCUMENT_BYTES // 4),
    })
    evidence = fetch(root)
    gaps = gap_kinds(evidence)
    assert gaps["LICENSE"] == "binary"
    assert gaps["README.md"] == "truncated"
    readme = evidence.primary.document("README.md")
    assert readme is not None and readme.truncated and len(readme.text.encode()) <= MAX_DOCUMENT_BYTES
    assert readme.size > MAX_DOCUMENT_BYTES


def test_broken_card_front_matter_is_a_gap_not_a_crash(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": "---\nlicense: [mit\n---\n# Model\n"})
    evidence = fetch(root)
    assert evidence.primary.card_data is None
    assert gap_kinds(evidence)["README.md front matter"] == "invalid_metadata"


def _git(root: Path, *args: str, date: str = "2025-11-20T12:00:00+00:00", email: str = "a@example.org") -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="A",
               GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME="A", GIT_COMMITTER_EMAIL=email)
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_git_facts_of_a_checkout(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": "# r\n", "build/out.bin": "x", ".gitignore": "build/\n"})
    _git(root, "init", "-q")
    _git(root, "remote", "add", "origin", "https://user:s3cret@github.com/example/repo.git")
    _git(root, "add", "README.md", ".gitignore")
    _git(root, "commit", "-qm", "old", date="2024-01-01T00:00:00+00:00", email="old@example.org")
    (root / "README.md").write_text("# r2\n")
    _git(root, "commit", "-qam", "recent")
    _git(root, "tag", "v1.0")
    evidence = fetch(root)
    git = evidence.primary.git
    assert git is not None
    assert git.commits_total == 2 and git.commits_90d == 1
    assert git.authors_total == 2 and git.authors_90d == 1
    assert git.tags == ["v1.0"]
    assert git.remote_url == "https://github.com/example/repo.git"  # credentials stripped
    assert evidence.primary.web_url == "https://github.com/example/repo"
    assert evidence.primary.revision == git.head and len(git.head) == 40
    assert ".git/HEAD" not in {f.path for f in evidence.primary.files}
    assert "build/out.bin" not in {f.path for f in evidence.primary.files}  # ignored by git
    assert "s3cret" not in evidence.model_dump_json()


def test_evidence_round_trips_losslessly(model_repo: Path) -> None:
    evidence = fetch(model_repo)
    again = Evidence.model_validate_json(evidence.model_dump_json())
    assert again == evidence
    assert again.schema_version == SCHEMA_VERSION
    member = evidence.primary
    assert (member.source_label, member.content) == ("local checkout", None)
    assert "git_history" in member.offers
    assert evidence.primary.card_data["license"] == "mit"
    assert {link.target for link in evidence.primary.links} >= {"example-org/corpus"}


def test_unreadable_paths_become_gaps_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_tree(tmp_path, {"README.md": "# r\n", "LICENSE": MIT_TEXT, "locked/x.txt": "x"})
    real_scandir, real_open = os.scandir, open

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("LICENSE"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("openness.fetch.local.os.scandir", scandir)
    monkeypatch.setattr("builtins.open", guarded_open)
    evidence = fetch(root)
    gaps = {g.what: g for g in evidence.all_gaps()}
    assert gaps["tree"].kind == "unreadable" and gaps["tree"].paths == ["locked"]  # a part of the listing
    assert "locked" in gaps["tree"].reason and "Permission denied" in gaps["tree"].reason
    assert gaps["LICENSE"].kind == "unreadable"
    assert evidence.primary.document("README.md") is not None


def test_fifo_named_like_a_document_is_not_read(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": "# r\n"})
    os.mkfifo(root / "LICENSE")
    evidence = fetch(root)  # must not block on the pipe
    assert "LICENSE" not in {f.path for f in evidence.primary.files}


def test_placeholder_links_in_documentation_are_not_links(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"README.md": (
        "Score https://huggingface.co/ORG/MODEL or https://github.com/OWNER/REPO.\n"
        "Weights: https://huggingface.co/EleutherAI/pythia-160m, code: https://github.com/EleutherAI/pythia\n")})
    targets = {(link.kind, link.target) for link in fetch(root).primary.links}
    assert targets == {("hf_model", "EleutherAI/pythia-160m"), ("github", "EleutherAI/pythia")}


@pytest.mark.parametrize(("remote", "expected"), [
    ("https://github.com/openai/gpt-2.git", "https://github.com/openai/gpt-2"),
    ("git@github.com:openai/gpt-2.git", "https://github.com/openai/gpt-2"),
    ("ssh://git@github.com/openai/gpt-2", "https://github.com/openai/gpt-2"),
    ("https://gitlab.com/openai/gpt-2.git", None),
    (None, None),
])
def test_github_remotes_give_evidence_links(remote: str | None, expected: str | None) -> None:
    from openness.fetch.git import github_web_url

    assert github_web_url(remote) == expected


def test_a_tree_past_the_entry_budget_is_listed_in_part_with_a_truncated_gap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openness import api
    from openness.fetch import local

    write_tree(tmp_path, {"README.md": "# Hello\n", **{f"part{n}/file{m}.py": "x\n" for n in range(4) for m in range(3)}})
    monkeypatch.setattr(local, "MAX_ENTRIES", 3)
    evidence = fetch(tmp_path)
    assert gap_kinds(evidence)["tree"] == "truncated" and 0 < len(evidence.primary.files) < 13
    license_fact = api.score_evidence(evidence).inventory.facts
    assert license_fact is not None and license_fact.claim("lock_file").status == "unknown"


def test_a_reuse_checkout_reads_its_licenses_folder_and_its_root_setup_py(tmp_path: Path) -> None:
    """LICENSES/<id>.txt are read as documents (REUSE), and a root setup.py is read although code
    files are not: the root-manifest rule comes before the code-suffix rule."""
    root = write_tree(tmp_path / "reuse", {
        "LICENSES/MIT.txt": MIT_TEXT, "LICENSES/CC-BY-4.0.txt": "SPDX-License-Identifier: CC-BY-4.0\n",
        "setup.py": "from setuptools import setup\nsetup(name='r', install_requires=['torch>=2'])\n",
        "src/r/__init__.py": "", "README.md": "# R\n"})
    member = api.fetch_evidence(str(root)).primary
    read = {d.path for d in member.documents}
    assert {"LICENSES/MIT.txt", "LICENSES/CC-BY-4.0.txt", "setup.py"} <= read and "src/r/__init__.py" not in read
    assert api.score(str(root)).inventory.distribution_license.license_id == "CC-BY-4.0 AND MIT"
