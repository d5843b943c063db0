"""The licence rules end to end: a local checkout scored through ``openness.api`` and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from openness import api
from openness.cli import app

from ..conftest import MIT_TEXT, write_tree
from . import long_texts as lt
from .license_texts import BSD3_NOTICE


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    return write_tree(tmp_path / "repo", {"README.md": "# Tool\n\nA tool.\n", "train.py": "import torch\n", "requirements.txt": "torch\n", **files})


def test_a_markdown_gpl3_with_an_older_appendix_is_stock_gpl3_in_the_report(tmp_path: Path) -> None:
    result = api.score(str(_repo(tmp_path, {"LICENSE.md": lt.as_markdown(lt.gpl3_older_appendix())})))
    assert result.inventory.distribution_license.license_id == "GPL-3.0-only"
    assert not result.inventory.distribution_license.modified
    finding = result.finding("license-declared")
    assert finding.status == "pass" and finding.reason == "licence file identifies GPL-3.0-only"


def test_a_modified_gpl_quotes_the_added_term_in_the_declaration_and_the_finding(tmp_path: Path) -> None:
    clause = "You may not use the Program or any covered work for military purposes."
    text = lt.gpl3_older_appendix().replace("2. Basic Permissions.", f"2. Basic Permissions.\n\n{clause}")
    result = api.score(str(_repo(tmp_path, {"COPYING": text})))
    declaration = next(d for d in result.inventory.declarations if d.ref.path == "COPYING")
    assert declaration.modified and declaration.license_id == "GPL-3.0-only"
    assert clause in (declaration.ref.note or "")
    assert clause in result.finding("license-declared").reason
    assert clause in result.finding("code-license-osi").reason
    code = next(c for c in result.licenses.components if c.slot == "code")  # type: ignore[union-attr]
    assert code.modified and any(clause in r.text and "code" in r.components
                                 for r in result.licenses.restrictions)  # type: ignore[union-attr]


def test_bundled_notices_in_the_licence_file_all_apply(tmp_path: Path) -> None:
    text = MIT_TEXT + "\n\nThis software bundles code from Example Vendor, under the licence below.\n\n" + BSD3_NOTICE
    result = api.score(str(_repo(tmp_path, {"LICENSE": text})))
    assert result.inventory.distribution_license.license_id == "MIT AND BSD-3-Clause"
    assert result.finding("license-declared").status == "pass"


def test_a_third_party_licence_file_is_not_the_releases_licence(tmp_path: Path) -> None:
    result = api.score(str(_repo(tmp_path, {"LICENSE": MIT_TEXT, "LICENSE-THIRD-PARTY": BSD3_NOTICE,
                                            "licensee.json": "{}", "license_check.py": "x = 1\n"})))
    assert result.inventory.distribution_license.license_id == "MIT"
    assert {d.ref.path for d in result.inventory.declarations if d.source == "license_file"} == {"LICENSE"}


def test_an_unidentified_licence_text_is_unidentified_on_the_command_line(tmp_path: Path) -> None:
    text = "ACME Source Licence\n\nOnly ACME customers may run this code, and only on ACME hardware.\n"
    repo = _repo(tmp_path, {"LICENSE": text})
    out = CliRunner().invoke(app, ["score", str(repo), "--format", "json"])
    assert out.exit_code in (0, 1), out.output
    data = json.loads(out.stdout)
    declarations = data["inventory"]["declarations"]
    licence = next(d for d in declarations if d["ref"]["path"] == "LICENSE")
    assert licence["license_id"] is None and licence["ref"]["note"] == "unidentified licence text"
