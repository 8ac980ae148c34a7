"""The W3C Nu validator finds no error in the built pages except known theme-origin ones."""

import json
import re
import shutil
import subprocess

import pytest

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material's own templates, not from our templates, hooks or content.
THEME_ORIGIN = {
    r"^Attribute “autocomplete” is only allowed when the input type is": (
        "Material puts autocomplete=off on its drawer/search checkbox toggles so browsers do not restore them."
    ),
    r"^Bad value “” for attribute “tabindex” on element “label”": (
        'Material\'s navigation template renders tabindex="" on section labels with navigation.prune/sections.'
    ),
}


def test_built_pages_are_valid_html(built_site):
    if not (shutil.which("java") and VNU.exists()):
        pytest.fail("the Nu validator needs java and node_modules/vnu-jar (make test installs both)", pytrace=False)
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(built_site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    ours = [
        f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(re.search(pattern, m["message"]) for pattern in THEME_ORIGIN)
    ]
    assert ours == []
