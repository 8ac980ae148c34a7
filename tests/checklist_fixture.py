"""A copy of tests/fixtures/checklists_site with the real hooks/ and checklist assets, ready to build."""

import shutil
from pathlib import Path

from helpers import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "checklists_site"


def make_checklist_site(target: Path) -> Path:
    """Copy the fixture project to `target` (a fresh folder) and return it."""
    shutil.copytree(FIXTURE, target)
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    assets = target / "docs" / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name in ("checklists.js", "checklists.css"):
        shutil.copy(ROOT / "docs" / "assets" / name, assets / name)
    return target


def error_lines(log: str) -> list[str]:
    """The ERROR lines of a build log, without MkDocs' level prefix."""
    return [line.split("-", 1)[1].strip() for line in log.splitlines() if line.startswith("ERROR")]
