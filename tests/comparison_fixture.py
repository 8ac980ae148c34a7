"""A small bilingual site with two comparison tables (tests/fixtures/comparisons_site), built like ours."""

import shutil
from pathlib import Path

from helpers import ROOT, make_project

FIXTURE = ROOT / "tests" / "fixtures" / "comparisons_site"


def make_comparison_site(target: Path) -> Path:
    """The fixture's docs/ and data/ in a project with our real config, hooks and assets."""
    project = make_project(target)
    shutil.copytree(FIXTURE, project, dirs_exist_ok=True)
    return project
