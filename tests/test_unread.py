"""scratch"""
from __future__ import annotations

import json

from .github.conftest import fake  # noqa: F401
from .github.fake import FakeGitHub
from .github.repos import RepoSpec, serve_repo
from .huggingface.conftest import hub  # noqa: F401
from .huggingface.fakehub import FakeHub
from .huggingface.models import tiny_model


def dump(run_cli, target, *extra):
    r = run_cli("score", target, "--format", "json", *extra)
    rep = json.loads(r.stdout)
    print("STDERR", r.stderr)
    for c in rep["inventory"]["components"]:
        print("C", c["key"], c["status"], c.get("note"))
    for f in rep["findings"]:
        print("F", f["criterion"], f["status"], f.get("reason"), "|", (f.get("remediation") or "")[:60])
    print("GAPS", rep["fetch"]["gaps"])
    return rep


def test_tarball(fake: FakeGitHub, run_cli):
    spec = serve_repo(fake)
    fake.add(f"{spec.api}/tarball/{spec.sha}", {"message": "boom"}, status=500)
    dump(run_cli, "github:octo-org/llm-kit")


def test_hub_readme_gated(hub: FakeHub, run_cli):
    hub.add(tiny_model(gated="manual"))
    dump(run_cli, "hf:acme/tiny-llm", "--no-follow")
