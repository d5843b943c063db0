"""The headline of a Hub model, end to end through the CLI: the answer a buyer asks, in every format."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..conftest import CliRun
from .fakehub import FakeHub
from .models import tiny_model

LLAMA_CARD = "---\nlicense: llama2\n---\n\n# Gated llama\n\nA fine-tune.\n"


def test_an_open_model_headline_in_json_markdown_and_the_job_summary(
        hub: FakeHub, run_cli: Callable[..., CliRun], tmp_path: Path) -> None:
    hub.add(tiny_model())
    summary = tmp_path / "summary.md"
    result = run_cli("score", "hf:acme/tiny-llm", "--no-follow", "-f", "json", "--summary", str(summary))
    assert result.code == 0, result.stderr
    headline = json.loads(result.stdout)["headline"]
    assert headline["kind"] == "model" and headline["kind_reason"].startswith("judged as a model")
    assert headline["osaid"] == "fail" and headline["osaid_failing"].startswith("code: not released: training code")
    assert headline["mof_class"] == "Unclassified" and headline["mof_blocker"] == "Data card not included"
    assert headline["commercial_use"] == "yes" and headline["gated"] is False
    assert headline["open_washing"] is None
    assert headline["text"] == " · ".join(p["text"] for p in headline["parts"])
    job = summary.read_text(encoding="utf-8").splitlines()
    assert job[0] == "# Openness scorecard: acme/tiny-llm"
    assert job[2].startswith("**At a glance:** judged as a model release: a model repository on the Hugging Face Hub · OSAID fail (code: not released")
    assert "MOF Unclassified (blocked by Data card not included) · commercial use allowed · not gated" in job[2]


def test_a_gated_model_under_a_user_threshold_is_conditional_and_gated(
        hub: FakeHub, run_cli: Callable[..., CliRun]) -> None:
    hub.add(tiny_model(id="meta/gated", gated="manual", public_files={"README.md"},
                       files={"README.md": LLAMA_CARD.encode(), "model.safetensors": 10},
                       info={"cardData": {"license": "llama2"}, "tags": ["license:llama2"]}))
    result = run_cli("score", "hf:meta/gated", "--no-follow", "-f", "json")
    headline = json.loads(result.stdout)["headline"]
    assert headline["gated"] is True
    assert headline["commercial_use"] == "conditional"
    assert headline["commercial_condition"].startswith("more than 700 million monthly active users")
    assert ("commercial use conditional: more than 700 million monthly active users on the release date needs a "
            "licence from Meta") in headline["text"]
    assert "gated: access must be requested" in headline["text"]


def test_an_open_source_claim_of_a_gated_model_raises_the_open_washing_flag(
        hub: FakeHub, run_cli: Callable[..., CliRun]) -> None:
    card = "---\nlicense: apache-2.0\n---\n\n# Gated but open\n\nA fully open-source model for everyone.\n"
    hub.add(tiny_model(id="acme/gated-open", gated="manual", public_files={"README.md"},
                       files={"README.md": card.encode(), "model.safetensors": 10},
                       info={"cardData": {"license": "apache-2.0"}, "tags": ["license:apache-2.0"]}))
    result = run_cli("score", "hf:acme/gated-open", "--no-follow", "-f", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    finding = next(f for f in report["findings"] if f["criterion"] == "open-washing")
    assert finding["status"] == "fail" and "README.md:7" in finding["reason"] and "gated" in finding["reason"]
    assert finding["evidence"][0]["line"] == 7
    assert report["headline"]["open_washing"] and "open-washing: " in report["headline"]["text"]


def test_a_true_open_weights_claim_raises_no_flag(hub: FakeHub, run_cli: Callable[..., CliRun]) -> None:
    card = "---\nlicense: apache-2.0\n---\n\n# Tiny\n\nAn open-weights model.\n"
    hub.add(tiny_model(files={**tiny_model().files, "README.md": card.encode()}))
    report = json.loads(run_cli("score", "hf:acme/tiny-llm", "--no-follow", "-f", "json").stdout)
    assert next(f for f in report["findings"] if f["criterion"] == "open-washing")["status"] == "pass"
    assert report["headline"]["open_washing"] is None
