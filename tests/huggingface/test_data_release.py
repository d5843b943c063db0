"""A dataset a publisher hosts on the Hub is released (inspectable) data, whoever the publisher is; a
canonical id without an organisation, a loader for a corpus published elsewhere, is only named (the
index's data-sources dimensions)."""

from __future__ import annotations

from openness import api

from .fakehub import FakeHub
from .models import TINY_CARD, tiny_model


def test_a_dataset_of_the_release_organisation_is_released_data(hub: FakeHub) -> None:
    hub.add(tiny_model())  # acme/tiny-llm names acme/tiny-corpus in its card metadata
    assessment = api.score("hf:acme/tiny-llm", follow_links=False)
    release = assessment.inventory.facts.data_release.value  # type: ignore[union-attr]
    assert release is not None and [r.note for r in release.released] == ["dataset acme/tiny-corpus"]
    assert release.named == []
    row = assessment.frameworks["osai"].row("datasources_endmodel")
    assert row.value == "open" and row.reason.startswith("training data is public on the Hub (dataset acme/tiny-corpus)")
    assert "not followed" in row.reason


def test_another_organisations_dataset_is_released_a_canonical_id_only_named(hub: FakeHub) -> None:
    repo = tiny_model()
    repo.info["cardData"] = {**repo.info["cardData"], "datasets": ["wikimedia/wikipedia", "bookcorpus"]}
    repo.files["README.md"] = TINY_CARD.replace("acme/tiny-corpus", "wikimedia/wikipedia\n- bookcorpus").encode()
    hub.add(repo)
    assessment = api.score("hf:acme/tiny-llm", follow_links=False)
    release = assessment.inventory.facts.data_release.value  # type: ignore[union-attr]
    assert release is not None
    assert [r.note for r in release.released] == ["dataset wikimedia/wikipedia"]
    assert [r.note for r in release.named] == ["dataset bookcorpus"]
