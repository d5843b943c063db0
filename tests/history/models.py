"""Two revisions of the hand-made Hub model of tests/huggingface: the second moves its weights to a
custom licence that forbids commercial use, and puts the repository behind an access request."""

from __future__ import annotations

from ..huggingface.fakehub import FakeRepo
from ..huggingface.models import APACHE, TINY_CARD, tiny_model

REV1 = "1" * 40
REV2 = "2" * 40
CUSTOM = ("ACME Tiny Model Licence\n\nYou may use the model for research only. Commercial use is not permitted. "
          "You may not redistribute the weights.\n")


def revision_one() -> FakeRepo:
    return tiny_model(sha=REV1)


def revision_two() -> FakeRepo:
    repo = tiny_model(sha=REV2, gated="manual", public_files=("README.md", "LICENSE", ".gitattributes"))
    card = TINY_CARD.replace("license: apache-2.0", "license: other\nlicense_name: acme-tiny\nlicense_link: LICENSE")
    repo.files["README.md"] = card.encode()
    repo.files["LICENSE"] = CUSTOM.encode()
    repo.info["tags"] = [t for t in repo.info["tags"] if t != "license:apache-2.0"] + ["license:other"]
    repo.info["cardData"] = {**repo.info["cardData"], "license": "other", "license_name": "acme-tiny"}
    return repo


__all__ = ["APACHE", "REV1", "REV2", "revision_one", "revision_two"]
