"""Every detection pattern fires on its real example and not on its near miss."""

import pytest

from openness import patterns


def _all() -> list[str]:
    loaded = patterns.load()
    return sorted(loaded.files) + sorted(loaded.texts)


@pytest.mark.parametrize("pattern_id", _all())
def test_pattern_fires_on_its_examples_and_not_on_its_near_misses(pattern_id: str) -> None:
    loaded = patterns.load()
    if pattern_id in loaded.files:
        query = loaded.files[pattern_id]
        assert [p for p in query.matches if not query.match(p)] == [], "examples that should match"
        assert [p for p in query.misses if query.match(p)] == [], "near misses that matched"
    else:
        pattern = loaded.texts[pattern_id]
        assert [t for t in pattern.matches if not pattern.search(t)] == [], "examples that should match"
        assert [t for t in pattern.misses if pattern.search(t)] == [], "near misses that matched"


def test_every_pattern_says_what_it_is_for() -> None:
    loaded = patterns.load()
    assert all(q.purpose for q in loaded.files.values()) and all(t.purpose for t in loaded.texts.values())


@pytest.mark.parametrize(("raw", "message"), [
    ({"patterns": {"x": {"for": "f", "text": "(", "matches": ["a"], "misses": ["b"]}}}, "pattern 'x'"),
    ({"patterns": {"x": {"for": "f", "text": "a", "matches": ["a"]}}}, "needs 'for', 'matches' and 'misses'"),
    ({"patterns": {"x": {"for": "f", "nam": "a", "matches": ["a"], "misses": ["b"]}}}, "unknown key 'nam'"),
    ({"patterns": {"x": {"for": "f", "name": "{{nope}}", "matches": ["a"], "misses": ["b"]}}}, "unknown fragment"),
])
def test_a_malformed_pattern_file_names_the_entry(raw: dict, message: str) -> None:
    with pytest.raises(patterns.PatternError, match=message):
        patterns.parse(raw)


def test_weight_formats_by_extension() -> None:
    assert patterns.weight_format("model-00001-of-00002.safetensors").name == "safetensors"  # type: ignore[union-attr]
    assert patterns.weight_format("pytorch_model.bin").runs_code  # type: ignore[union-attr]
    assert patterns.weight_format("checkpoint-10/rng_state_0.pth") is None
    assert patterns.weight_format("training_args.bin") is None
    assert patterns.weight_format("config.json") is None
    assert patterns.weight_format("Makefile") is None


def test_a_core_ml_package_holds_core_ml_weights_not_pickle() -> None:
    inside = patterns.weight_format("coreml/m.mlpackage/Data/com.apple.CoreML/weights/weight.bin")
    assert inside is not None and inside.name == "coreml" and not inside.runs_code
