"""deploy/nginx.conf with Debian's nginx on 127.0.0.1: headers, 404s, CSP in a browser, a short load."""

import http.client
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import NGINX, ROOT, NginxServer

sys.path.insert(0, str(ROOT / "deploy"))
import csp  # noqa: E402

PAGES = ["", "playbooks/after-hours-contact/", "playbooks/answering-service/", "checklists/", "comparisons/"]


@pytest.fixture(scope="module")
def nginx_url(built_site, tmp_path_factory):
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but nginx is missing: install Debian's nginx", pytrace=False)
        pytest.skip("no nginx")
    try:
        server = NginxServer(built_site, tmp_path_factory.mktemp("nginx"))
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    yield server.url
    server.close()


def get(url: str, path: str, headers: dict | None = None):
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request("GET", "/" + path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_committed_csp_matches_the_built_site(built_site):
    committed = (ROOT / "deploy" / "kb-csp.conf").read_text(encoding="utf-8")
    assert committed == csp.config_text(built_site), "inline scripts changed: run `make csp` and commit deploy/kb-csp.conf"


@pytest.mark.parametrize("path", ["", "zh/", "playbooks/after-hours-contact/", "zh/glossary/"])
def test_pages_have_security_headers_and_short_cache(nginx_url, path):
    response, body = get(nginx_url, path)
    assert response.status == 200
    assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Cache-Control") == "max-age=300"


def test_fingerprinted_assets_are_cached_for_a_year(nginx_url, built_site):
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    response, _ = get(nginx_url, f"assets/javascripts/{bundle.name}")
    assert response.status == 200
    assert response.getheader("Cache-Control") == "max-age=31536000"
    assert response.getheader("Content-Security-Policy")


def test_html_is_compressed(nginx_url):
    response, _ = get(nginx_url, "", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"


@pytest.mark.parametrize("path,language", [("no-such-page/", "ja"), ("zh/no-such-page/", "zh")])
def test_missing_pages_get_the_404_of_their_language(nginx_url, path, language):
    response, body = get(nginx_url, path)
    assert response.status == 404
    assert re.search(rf'<html lang="{language}"', body.decode("utf-8"))
    assert response.getheader("Content-Security-Policy")


CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_pages_render_without_csp_violations(page, nginx_url, language):
    page.add_init_script(CSP_LISTENER)
    console = []
    page.on("console", lambda message: console.append(message.text))
    for path in PAGES:
        page.goto(nginx_url + ("zh/" if language == "zh" else "") + path)
        page.wait_for_load_state("networkidle")
        search = page.locator("input.md-search__input")
        if search.count():
            page.keyboard.press("/")
            page.keyboard.type("電話")
            page.wait_for_timeout(300)
        assert page.evaluate("window.__csp") == [], path
    assert [text for text in console if "Content Security Policy" in text] == []
    assert page.outside_requests == []


def test_short_load_has_no_errors(nginx_url):
    paths = ["", "zh/", "playbooks/returning-calls/", "zh/playbooks/returning-calls/", "assets/kb.css"]
    deadline = time.monotonic() + 8

    def worker(number: int) -> tuple[int, int]:
        ok = errors = 0
        while time.monotonic() < deadline and ok + errors < 1500:
            try:
                response, _ = get(nginx_url, paths[(ok + errors + number) % len(paths)])
                ok += response.status == 200
                errors += response.status != 200
            except OSError:
                errors += 1
        return ok, errors

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(worker, range(4)))
    assert sum(errors for _, errors in results) == 0
    assert sum(ok for ok, _ in results) > 100
