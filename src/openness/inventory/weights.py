"""Which files are the release's weights, in which format: the one weights rule.

The final-parameters component, the safe-weight-format criterion and the lenses all read
this fact. Training state saved beside weights (optimizer, scheduler, RNG state, trainer
arguments) and weight-like files among tests, fixtures, docs and examples are not weights.
"""

from __future__ import annotations

from .. import patterns
from .facts import Fact, WeightFile, known
from .gaps import blocking_tree_gap
from .signals import Signals

MAX_WEIGHT_FILES = 100_000
"""More files than any tree listing holds: every weight file is kept (evidence shows five)."""


def weight_files(signals: Signals) -> list[WeightFile]:
    """Every weight file of every member, in member order then path order (TensorFlow shards last)."""
    return signals.memo("weight_files", lambda: _find(signals))


def _find(signals: Signals) -> list[WeightFile]:
    """Files of a weight format, outside test and documentation folders; an ``.npz`` only where its
    name or folder says weights (``npz_weights``), and TensorFlow checkpoint shards."""
    not_release, npz_weights = patterns.file_query("weight_not_release_folder"), patterns.file_query("npz_weights")
    found = []
    for hit in signals.find("weight_file", limit=MAX_WEIGHT_FILES):
        format_ = patterns.weight_format(hit.path)
        if format_ is None or not_release.match(hit.path):
            continue
        if format_.name == "numpy" and not npz_weights.match(hit.path):
            continue
        found.append(WeightFile(member=hit.member.id, path=hit.path, format=format_.name, runs_code=format_.runs_code,
                                size=signals.size(hit), lfs=signals.lfs(hit), sha256=signals.sha256(hit)))
    for hit in signals.find("tf_checkpoint_shard", limit=MAX_WEIGHT_FILES):
        if not not_release.match(hit.path):
            found.append(WeightFile(member=hit.member.id, path=hit.path, format="tensorflow_checkpoint", runs_code=False,
                                    size=signals.size(hit), lfs=signals.lfs(hit), sha256=signals.sha256(hit)))
    return found


def weights_fact(signals: Signals) -> Fact[list[WeightFile]]:
    """The weight files; unknown when none were seen and the tree could not be read whole."""
    files = weight_files(signals)
    if not files:
        gap = blocking_tree_gap(signals)
        if gap is not None:
            return Fact[list[WeightFile]](name="weights", status="unknown", reason=f"weight files: {gap.reason}", gap=gap)
    return known("weights", files, [f.ref("weight file") for f in files[:5]],
                 f"{len(files)} weight file{'s' if len(files) != 1 else ''}")
