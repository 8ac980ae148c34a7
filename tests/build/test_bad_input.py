"""Every broken input under tests/fixtures/bad/ fails the strict build with one clear line.

A case is a folder of files laid over tests/fixtures/base/ (a minimal valid site)
and `expected.txt`, the line the writer must see: the build prints exactly that one
ERROR/WARNING line, and no Python traceback.
"""

import shutil
from pathlib import Path

import pytest

from helpers import build_fixture_site, make_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = sorted(path.name for path in (FIXTURES / "bad").iterdir() if path.is_dir())


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


def test_the_base_site_builds(tmp_path):
    project = make_project(tmp_path / "project")
    shutil.copytree(FIXTURES / "base", project, dirs_exist_ok=True)
    result = build_fixture_site(project)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_with_one_clear_line(tmp_path, case):
    project = make_project(tmp_path / "project")
    shutil.copytree(FIXTURES / "base", project, dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "bad" / case, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    expected = (FIXTURES / "bad" / case / "expected.txt").read_text(encoding="utf-8").strip()
    result = build_fixture_site(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout
    problems = [line for line in result.stdout.splitlines() if line.startswith(("ERROR", "WARNING"))]
    # Exactly one line for one mistake, and it is the one the writer needs.
    assert len(problems) == 1, result.stdout
    assert expected in problems[0], result.stdout


def test_a_data_link_to_an_anchor_that_exists_builds(tmp_path):
    """The anchor check reads the built pages, so generated anchors (a checklist's own id) count."""
    project = make_project(tmp_path / "project")
    shutil.copytree(FIXTURES / "base", project, dirs_exist_ok=True)
    case = FIXTURES / "bad" / "checklist-link-unknown-anchor"
    shutil.copytree(case, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    data = project / "data" / "checklists" / "demo.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("no-such-step", "checklist-demo"), encoding="utf-8")
    result = build_fixture_site(project)
    assert result.returncode == 0, result.stdout
    html = (project / "site" / "zh" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "#checklist-demo" in html
