"""The URL contract as pure functions: a removed page or heading id is caught, redirects and retirements are not."""

from kb.published_urls import Manifest, SitePage, broken_promises, dump_manifest, load_manifest, read_site, with_new_entries
from kb.redirects import localized_redirects

SITE = {
    "/": SitePage(False),
    "/playbooks/a/": SitePage(False, ["steps", "phrases"]),
    "/zh/playbooks/a/": SitePage(False, ["steps", "phrases"]),
}


def test_an_unchanged_site_keeps_every_promise():
    assert broken_promises(Manifest({"/": [], "/playbooks/a/": ["steps", "phrases"]}, {}), SITE) == []


def test_a_removed_page_is_caught():
    manifest = Manifest({"/playbooks/gone/": ["steps"]}, {})
    assert broken_promises(manifest, SITE) == [
        "/playbooks/gone/: published page is gone: keep it, redirect it (mkdocs.yml redirects: redirect_maps) "
        "or retire it with a reason in tests/urls/published.yml"
    ]


def test_a_removed_heading_id_is_caught():
    manifest = Manifest({"/zh/playbooks/a/": ["steps", "call-window"]}, {})
    assert [line.split(":")[0] for line in broken_promises(manifest, SITE)] == ["/zh/playbooks/a/#call-window"]


def test_a_redirect_or_a_retirement_keeps_the_promise():
    site = {**SITE, "/playbooks/old/": SitePage(True)}
    manifest = Manifest(
        {"/playbooks/old/": ["steps"], "/playbooks/retired/": [], "/playbooks/a/": ["steps", "old-id"]},
        {"/playbooks/retired/": "merged into /playbooks/a/", "/playbooks/a/#old-id": "section removed"},
    )
    assert broken_promises(manifest, site) == []


def test_new_urls_are_free_and_are_added_never_removed():
    manifest = Manifest({"/playbooks/a/": ["steps"], "/playbooks/gone/": []}, {})
    assert broken_promises(manifest, SITE) != []  # the gone page still fails
    merged = with_new_entries(manifest, SITE)
    assert merged["/playbooks/gone/"] == [] and merged["/playbooks/a/"] == ["steps", "phrases"] and "/zh/playbooks/a/" in merged


def test_manifest_round_trip_and_retired_needs_a_reason(tmp_path):
    file = tmp_path / "published.yml"
    file.write_text(dump_manifest({"/": [], "/playbooks/a/": ["steps"]}, {"/old/": "理由：統合しました"}), encoding="utf-8")
    assert load_manifest(file) == Manifest({"/": [], "/playbooks/a/": ["steps"]}, {"/old/": "理由：統合しました"})
    file.write_text("published: {}\nretired:\n  - url: /x/\n", encoding="utf-8")
    try:
        load_manifest(file)
    except ValueError as error:
        assert "needs a url and a reason" in str(error)
    else:
        raise AssertionError("a retirement without a reason was accepted")


def test_read_site_finds_playbook_heading_ids_and_redirect_pages(tmp_path):
    (tmp_path / "playbooks" / "a").mkdir(parents=True)
    (tmp_path / "playbooks" / "a" / "index.html").write_text(
        '<nav><h2 id="nav">x</h2></nav><article><h1 id="t">T</h1><h2 id="steps">S</h2><h3 id="phone">P</h3></article>', encoding="utf-8"
    )
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../playbooks/a/">', encoding="utf-8")
    (tmp_path / "index.html").write_text('<article><h2 id="intro">I</h2></article>', encoding="utf-8")
    site = read_site(tmp_path)
    assert site == {"/": SitePage(False, []), "/old/": SitePage(True, []), "/playbooks/a/": SitePage(False, ["steps", "phone"])}


def test_one_redirect_entry_serves_both_languages():
    sources = {"ja/playbooks/new.md", "zh/playbooks/new.md", "ja/only-ja.md"}
    maps = {"playbooks/old.md": "playbooks/new.md#steps", "x.md": "only-ja.md", "y.md": "https://example.invalid/"}
    assert localized_redirects(maps, "ja", "ja", sources) == {
        "playbooks/old.md": "ja/playbooks/new.md#steps",
        "x.md": "ja/only-ja.md",
        "y.md": "https://example.invalid/",
    }
    assert localized_redirects(maps, "zh", "ja", sources - {"ja/playbooks/new.md"})["zh/playbooks/old.md"] == "zh/playbooks/new.md#steps"
    assert localized_redirects(maps, "zh", "ja", sources)["zh/x.md"] == "ja/only-ja.md"  # the fallback page
