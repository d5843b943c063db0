"""Three revisions of the hand-made Hub model of tests/huggingface. The second moves its weights to a
custom licence that forbids commercial use, puts the repository behind an access request with terms to
accept and a form to fill in, and changes its card: the limitations section goes, an environmental
impact section comes. The third keeps all that but changes the access terms: a stricter prompt, one more
form field, and access granted on accepting them rather than approved by the authors."""

from __future__ import annotations

from typing import Any

from ..huggingface.fakehub import FakeRepo
from ..huggingface.models import APACHE, TINY_CARD, tiny_model

REV1 = "1" * 40
REV2 = "2" * 40
REV3 = "3" * 40
CUSTOM = ("ACME Tiny Model Licence\n\nYou may use the model for research only. Commercial use is not permitted. "
          "You may not redistribute the weights.\n")
PROMPT = ("By requesting access you agree to the ACME Tiny Model Licence: research use only, no commercial use, "
          "no redistribution of the weights. ACME may review requests and revoke access to the weights at any "
          "time, and will keep the details you give below for as long as you have access to the model.")
STRICTER = PROMPT.replace("no redistribution of the weights.",
                          "no redistribution of the weights, and no training of other models on its outputs.")
FIELDS: dict[str, Any] = {"Name": "text", "Country": "country", "I agree to the licence terms": "checkbox"}
LIMITATIONS = "## Bias, Risks, and Limitations\n\nThe model reproduces biases present in web text and can produce false statements.\n\n"
EMISSIONS = ("## Environmental impact\n\nTraining used 120 GPU hours on A100 GPUs in a data centre powered by "
             "hydroelectricity, about 5 kg CO2eq.\n\n")


def revision_one() -> FakeRepo:
    return tiny_model(sha=REV1)


def revision_two() -> FakeRepo:
    return _gated(REV2, PROMPT, FIELDS, "manual")


def revision_three() -> FakeRepo:
    return _gated(REV3, STRICTER, {**FIELDS, "Affiliation": "text"}, "auto")


def _gated(sha: str, prompt: str, fields: dict[str, Any], gated: str) -> FakeRepo:
    repo = tiny_model(sha=sha, gated=gated, public_files=("README.md", "LICENSE", ".gitattributes"))
    terms = {"extra_gated_prompt": prompt, "extra_gated_fields": fields}
    front = ("license: other\nlicense_name: acme-tiny\nlicense_link: LICENSE\n"
             f"extra_gated_prompt: \"{prompt}\"\nextra_gated_fields:\n"
             + "".join(f"  {label}: {kind}\n" for label, kind in fields.items()))
    card = TINY_CARD.replace("license: apache-2.0\n", front).replace(LIMITATIONS, "")
    card = card.replace("## Citation", EMISSIONS + "## Citation")
    repo.files["README.md"] = card.encode()
    repo.files["LICENSE"] = CUSTOM.encode()
    repo.info["tags"] = [t for t in repo.info["tags"] if t != "license:apache-2.0"] + ["license:other"]
    repo.info["cardData"] = {**repo.info["cardData"], "license": "other", "license_name": "acme-tiny", **terms}
    return repo


__all__ = ["APACHE", "REV1", "REV2", "REV3", "revision_one", "revision_three", "revision_two"]
