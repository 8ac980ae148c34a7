"""Two clean builds of the same commit are byte-identical (sitemap and search data included)."""

import hashlib

from helpers import ROOT, build_site


def digests(site):
    return {str(f.relative_to(site)): hashlib.sha256(f.read_bytes()).hexdigest() for f in site.rglob("*") if f.is_file()}


def test_two_builds_are_identical(built_site, tmp_path):
    result = build_site(ROOT, tmp_path / "again")
    assert result.returncode == 0, result.stdout
    first, second = digests(built_site), digests(tmp_path / "again")
    assert first.keys() == second.keys()
    assert {"sitemap.xml", "sitemap.xml.gz"} <= first.keys()
    assert any("search" in name and not name.endswith((".js", ".css")) for name in first)  # the search data is compared too
    assert [name for name in first if first[name] != second[name]] == []
