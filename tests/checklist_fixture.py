"""A small bilingual site with one checklist (tests/fixtures/checklists_site), built like ours."""

import shutil
from pathlib import Path

from helpers import ROOT, make_project

FIXTURE = ROOT / "tests" / "fixtures" / "checklists_site"


def make_checklist_site(target: Path) -> Path:
    """The fixture's docs/ and data/ in a project with our real config, hooks and assets."""
    project = make_project(target)
    shutil.copytree(FIXTURE, project, dirs_exist_ok=True)
    return project


def error_lines(log: str) -> list[str]:
    """The ERROR lines of a build log, without MkDocs' level prefix."""
    return [line.split("-", 1)[1].strip() for line in log.splitlines() if line.startswith("ERROR")]
