"""The W3C Nu validator finds no error in the built pages except known theme-origin ones."""

import json
import re
import shutil
import subprocess

import pytest

from helpers import CONTRACT_PATHS, LANGUAGE_PREFIX, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material's own templates, not from our templates, hooks or content:
# (message, the markup it is reported on, why it is not ours). An entry matches only on
# Material's own elements, so the same mistake in our markup is still an error.
THEME_ORIGIN = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox"',
        "Material's base.html puts autocomplete=off on its drawer and search toggles so browsers do not restore them.",
    ),
]


def theme_origin(message: dict) -> int | None:
    """Index of the allow-list entry that explains this message, if any."""
    for index, (text, markup, _) in enumerate(THEME_ORIGIN):
        if re.search(text, message["message"]) and re.search(markup, message.get("extract", "")):
            return index
    return None


def test_every_allowed_error_has_a_reason():
    for text, markup, reason in THEME_ORIGIN:
        assert text and markup and len(reason) > 30 and "Material" in reason


def test_built_pages_are_valid_html(built_site):
    if not (shutil.which("java") and VNU.exists()):
        pytest.fail("the Nu validator needs java and node_modules/vnu-jar (make test installs both)", pytrace=False)
    pages = sorted(built_site.rglob("*.html"))
    # Every page is named on the command line, so none can be skipped unnoticed.
    for language, prefix in LANGUAGE_PREFIX.items():
        for path in CONTRACT_PATHS:
            assert built_site / prefix / path / "index.html" in pages, f"{language}: /{prefix}{path} was not built"
        assert built_site / prefix / "404.html" in pages
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)], capture_output=True, text=True, timeout=600
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert all(m.get("type") != "non-document-error" for m in messages), messages[:3]
    used = set()
    ours = []
    for m in messages:
        index = theme_origin(m)
        if index is None:
            ours.append(f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}")
        else:
            used.add(index)
    assert ours == []
    # An entry nothing needs any more would hide the next real error of that kind: drop it.
    assert [THEME_ORIGIN[i][0] for i in range(len(THEME_ORIGIN)) if i not in used] == []
