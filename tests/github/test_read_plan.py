"""How documents are read without a token: a prefix from the archive, the rest one download each,
within twice the documents' bytes (``github_documents.plan_reads``)."""

from __future__ import annotations

import pytest

from openness.evidence import FileEntry
from openness.fetch.github_documents import BYTES_BOUND, MAX_SINGLE_READS, plan_reads, skipped_gaps, wanted_documents

SMALL = {"README.md": 4_000, "LICENSE": 1_100, "CONTRIBUTING.md": 600, "train.py": 3_000, "requirements.txt": 80}


def plan(sizes: dict[str, int]):  # noqa: ANN201 - the plan, as the fetcher sees it
    files = [FileEntry(path=p, size=s) for p, s in sorted(sizes.items())]
    return plan_reads(files, wanted_documents(files))


def test_a_small_repository_is_read_from_its_archive() -> None:
    chosen = plan(SMALL)
    assert set(chosen.archive) == {"README.md", "LICENSE", "CONTRIBUTING.md", "requirements.txt"}
    assert chosen.single == {} and chosen.skipped == {}
    assert chosen.estimate <= BYTES_BOUND * sum(chosen.archive.values())


def test_a_document_behind_a_large_folder_is_downloaded_on_its_own() -> None:
    chosen = plan({**SMALL, "assets/demo.gif": 5_000_000})  # git's order: README … assets/ … requirements.txt
    assert set(chosen.archive) == {"README.md", "LICENSE", "CONTRIBUTING.md"}
    assert chosen.single == {"requirements.txt": 80}
    assert chosen.estimate < 10_000


def test_documents_all_behind_a_large_folder_are_all_downloaded_on_their_own() -> None:
    chosen = plan({**SMALL, ".assets/weights.bin": 2_000_000_000})  # before every document
    assert chosen.archive == {} and set(chosen.single) == set(wanted_documents(
        [FileEntry(path=p, size=s) for p, s in SMALL.items()]))


def test_many_documents_behind_a_large_folder_come_from_the_archive() -> None:
    docs = {f"docs/section{i:02}/README.md": 2_000 for i in range(MAX_SINGLE_READS + 4)}
    chosen = plan({**SMALL, **docs, "assets/demo.gif": 1_000_000})
    assert chosen.skipped == {}
    assert len(chosen.single) <= MAX_SINGLE_READS  # the rest, past the folder, from the archive
    assert "docs/section00/README.md" in chosen.archive


def test_documents_behind_more_than_the_archive_bound_are_gaps() -> None:
    docs = {f"docs/section{i:02}/README.md": 2_000 for i in range(MAX_SINGLE_READS + 4)}
    chosen = plan({**SMALL, **docs, "assets/weights.bin": 300 * 2**20})
    assert len(chosen.single) == MAX_SINGLE_READS and len(chosen.skipped) == len(docs) + 1 - MAX_SINGLE_READS
    assert "README.md" in chosen.archive  # before the weights
    gap = skipped_gaps(chosen.skipped)[0]
    assert gap.what == "documents" and gap.kind == "too_large" and sorted(gap.paths) == sorted(chosen.skipped)
    assert skipped_gaps({}) == []


def test_the_raw_host_sits_beside_the_api_root(monkeypatch: pytest.MonkeyPatch) -> None:
    from openness.fetch.github_client import RAW_URL_VARIABLE, raw_base_url

    monkeypatch.delenv(RAW_URL_VARIABLE, raising=False)
    for api_root, raw in (("https://api.github.com", "https://raw.githubusercontent.com"),
                          ("https://github.example.com/api/v3/", "https://github.example.com/raw"),
                          ("http://127.0.0.1:8080", "http://127.0.0.1:8080/raw")):
        monkeypatch.setenv("GITHUB_API_URL", api_root)
        assert raw_base_url() == raw
    monkeypatch.setenv(RAW_URL_VARIABLE, "https://raw.github.example.com/")  # subdomain isolation
    assert raw_base_url() == "https://raw.github.example.com"
