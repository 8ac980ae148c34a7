"""`make urls`: add the URLs and playbook heading ids the built site publishes to tests/urls/published.yml.

Adds only; a URL that is gone is for the test to report (redirect or retire it).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from kb.published_urls import Manifest, dump_manifest, load_manifest, read_site, with_new_entries  # noqa: E402

MANIFEST = ROOT / "tests" / "urls" / "published.yml"


def main(site: Path) -> int:
    manifest = load_manifest(MANIFEST) if MANIFEST.exists() else Manifest({}, {})
    merged = with_new_entries(manifest, read_site(site))
    added = sorted(set(merged) - set(manifest.pages))
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    MANIFEST.write_text(dump_manifest(merged, manifest.retired), encoding="utf-8")
    for url in added:
        print(f"added     {url}")
    print(f"{MANIFEST.relative_to(ROOT)}: {len(merged)} URLs")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")))
