#!/usr/bin/env bash
# Regenerate every example in reports/ — the one command:
#
#     bash reports/generate.sh
#
# Scores this checkout offline in every format (HTML, Markdown, JSON, SARIF, SVG badge,
# shields endpoint JSON), writes a CycloneDX ML-BOM and an SPDX 3 document of a small model, and writes one comparison (HTML, Markdown, CSV) of this checkout
# against two small hand-written model projects and a GitHub target that cannot be fetched
# offline (to show a failing column). SOURCE_DATE_EPOCH defaults to the last commit's time,
# so running it twice on the same commit gives byte-identical files.
# Set OPENNESS to the command to run (default: `openness`, else `python3 -m openness`).
set -euo pipefail
cd "$(dirname "$0")/.."

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
if [ -n "${OPENNESS:-}" ]; then read -r -a run <<<"$OPENNESS"
elif command -v openness >/dev/null 2>&1; then run=(openness)
else run=(python3 -m openness); fi

out=reports
"${run[@]}" score . --offline -f html -o "$out/scorecard.html" --badge "$out/badge.svg" --badge-json "$out/badge.json"
"${run[@]}" score . --offline -f md -o "$out/scorecard.md"
"${run[@]}" score . --offline -f json -o "$out/scorecard.json"
"${run[@]}" score . --offline -f sarif -o "$out/scorecard.sarif"

# Two tiny model projects for the comparison, written fresh each time (nothing to keep in git).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/open-model" "$work/restricted-model"
cat >"$work/open-model/README.md" <<'CARD'
---
license: apache-2.0
datasets: [example-org/open-corpus]
---
# open-model

## Intended use
A small example model for research and teaching; it shows what an open release looks like.

## Limitations and bias
It reflects the biases of its web training data and is not meant for decisions about people.

## Training data
example-org/open-corpus: 10 GB of filtered web text, described in its datasheet.

## Training procedure
AdamW, learning rate 3e-4, 10,000 steps; the full configuration is in train.py.

## Evaluation results
| Benchmark | Accuracy |
|---|---|
| example-qa | 71.2 |

## Citation
@misc{openmodel2025, title={open-model}}
CARD
printf '{"architectures": ["ExampleForCausalLM"]}\n' >"$work/open-model/config.json"
printf 'print("training")\n' >"$work/open-model/train.py"
printf 'print("evaluating")\n' >"$work/open-model/evaluate.py"
printf 'torch==2.3.0\n' >"$work/open-model/requirements.txt"
: >"$work/open-model/model.safetensors"
cat >"$work/restricted-model/README.md" <<'CARD'
---
license: other
license_name: example-community-license
---
# restricted-model

Weights for research use only. Commercial use requires a separate agreement, and products
with more than 700 million monthly active users need a licence from the publisher.
CARD
: >"$work/restricted-model/model.safetensors"

# Bills of materials of the open model: CycloneDX 1.6 ML-BOM and SPDX 3.0.1 (AI and Dataset profiles), one run.
"${run[@]}" score "$work/open-model" --offline -f cyclonedx -o "$out/model.cdx.json" --spdx "$out/model.spdx.json"

"${run[@]}" compare . "$work/open-model" "$work/restricted-model" github:openness-dev/not-in-cache --allow-partial \
  --offline -f html -o "$out/comparison.html"
"${run[@]}" compare . "$work/open-model" "$work/restricted-model" github:openness-dev/not-in-cache --allow-partial \
  --offline -f md -o "$out/comparison.md"
"${run[@]}" compare . "$work/open-model" "$work/restricted-model" github:openness-dev/not-in-cache --allow-partial \
  --offline -f csv -o "$out/comparison.csv"
echo "reports/ regenerated (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)" >&2
