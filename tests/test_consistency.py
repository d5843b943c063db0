"""No report contradicts itself: over every hand-made checkout and, when present, every recorded
checkout of ../shared, the inventory, criteria, lens rows and buyer summary agree on each
component's presence and licence (``tests/consistency.py`` reads them all)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from openness import api
from openness.assessment import Assessment

from .conftest import SHARED, skeleton_checkout
from .consistency import contradictions
from .frameworks.checkouts import open_model
from .licenses.license_texts import MIT_TEXT

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "open model (MIT)": open_model,
    "open model (Llama 3 licence)": lambda root: open_model(root, "llama3"),
    "model without training code": lambda root: _without(open_model(root), "train.py"),
    "model without data card or report": lambda root: _without(open_model(root), "datasheet.md",
                                                                "technical_report.pdf"),
    "library": lambda root: _tree(root, {"README.md": "# lib\n\nA library.\n\n## Installation\n\npip install lib\n",
                                         "LICENSE": MIT_TEXT, "pyproject.toml": "[project]\nname='lib'\n",
                                         "lib/__init__.py": ""}),
}


def _without(root: Path, *paths: str) -> Path:
    for path in paths:
        (root / path).unlink()
    return root


def _tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def _recorded() -> list[Path]:
    folders = [SHARED / "fixtures" / "checkouts", SHARED / "fixtures" / "pwc"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir() if (p / "tree.json").is_file())


@pytest.mark.parametrize("name", list(BUILDERS))
def test_a_hand_made_release_never_contradicts_itself(name: str, tmp_path: Path) -> None:
    assessment = api.score(str(BUILDERS[name](tmp_path / "release")))
    assert contradictions(assessment) == []


@pytest.mark.parametrize("fixture", _recorded() or [None], ids=lambda p: p.name if p else "absent")
def test_a_recorded_checkout_never_contradicts_itself(fixture: Path | None, tmp_path: Path) -> None:
    if fixture is None:
        pytest.skip("../shared is not available")
    assessment = api.score(str(skeleton_checkout(fixture, tmp_path / fixture.name)))
    assert contradictions(assessment) == []


def test_the_check_finds_a_contradiction(tmp_path: Path) -> None:
    """The function can fail: a lens row that disagrees with the inventory is reported."""
    assessment = api.score(str(open_model(tmp_path / "model")))
    lens = assessment.frameworks["pwc"]
    rows = [r.model_copy(update={"status": "fail"}) if r.id == "training" else r for r in lens.requirements]
    broken = assessment.model_copy(update={"frameworks": {**assessment.frameworks,
                                                          "pwc": lens.model_copy(update={"requirements": rows})}})
    assert isinstance(broken, Assessment)
    assert contradictions(broken) == ["PwC training is fail, component training_code is present"]
