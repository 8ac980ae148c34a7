"""deploy/nginx.conf with Debian's nginx on 127.0.0.1: headers, 404s, CSP in a browser, a short load."""

import base64
import hashlib
import http.client
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import BROTLI, NGINX, ROOT, NginxServer

sys.path.insert(0, str(ROOT / "deploy"))
import csp  # noqa: E402

PAGES = ["", "playbooks/after-hours-contact/", "playbooks/answering-service/", "checklists/", "comparisons/"]


def need_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but nginx is missing: install Debian's nginx", pytrace=False)
        pytest.skip("no nginx")


def start(site: Path, prefix: Path, **options) -> NginxServer:
    need_nginx()
    try:
        return NginxServer(site, prefix, **options)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def nginx_url(built_site, tmp_path_factory):
    server = start(built_site, tmp_path_factory.mktemp("nginx"))
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


def test_headers_for_both_languages(nginx_url):
    for path in ("", "zh/"):
        response, _ = get(nginx_url, path)
        assert response.getheader("X-Frame-Options") == "DENY"
        assert response.getheader("X-Robots-Tag") == "noindex, nofollow"
        assert response.getheader("Server") == "nginx"  # no version number
        policy = dict(part.strip().split(" ", 1) for part in response.getheader("Content-Security-Policy").split(";"))
        assert policy["default-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert "'unsafe-inline'" not in policy["script-src"] and "http" not in policy["script-src"]


@pytest.mark.parametrize("path", ["", "zh/playbooks/returning-calls/", "assets/kb.css", "search/search_index.json"])
def test_text_is_compressed_with_gzip(nginx_url, path):
    response, _ = get(nginx_url, path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.getheader("Vary")


def test_text_is_compressed_with_brotli_where_the_module_exists(nginx_url, built_site):
    if not BROTLI.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but the brotli module is missing: install libnginx-mod-http-brotli-filter", pytrace=False)
        pytest.skip("no brotli module for nginx")
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    for path in ("", "zh/", f"assets/javascripts/{bundle.name}"):
        response, body = get(nginx_url, path, {"Accept-Encoding": "br, gzip"})
        assert response.status == 200
        assert response.getheader("Content-Encoding") == "br", path
    assert len(body) < (built_site / "assets" / "javascripts" / bundle.name).stat().st_size / 3


def test_nginx_without_the_brotli_module_serves_gzip(built_site, tmp_path):
    """The wildcard include lets a server without the module (and kb-brotli.conf) use the config unchanged."""
    server = start(built_site, tmp_path, brotli=False)
    url = server.url
    try:
        response, _ = get(url, "", {"Accept-Encoding": "br, gzip"})
        assert response.status == 200
        assert response.getheader("Content-Encoding") == "gzip"
    finally:
        server.close()


def ssha(password: str, salt: bytes = b"kb-test") -> str:
    """An htpasswd entry in the {SSHA} scheme nginx reads (what `htpasswd -s` would write)."""
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()


def test_basic_auth_placeholder_works_as_documented(built_site, tmp_path):
    (tmp_path / "kb.htpasswd").write_text(f"staff:{ssha('correct horse')}\n", encoding="utf-8")
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    placeholder = re.findall(r"^ *# +(auth_basic.*;)", server, flags=re.MULTILINE)
    assert len(placeholder) == 2, "the basic-auth placeholder in deploy/nginx.conf changed"
    enabled = server.replace("    # Security headers", "    " + "\n    ".join(placeholder) + "\n    # Security headers")
    enabled = enabled.replace("/etc/nginx/kb.htpasswd", str(tmp_path / "kb.htpasswd"))
    server = start(built_site, tmp_path, server=enabled)
    url = server.url
    try:
        for path in ("", "zh/"):
            response, _ = get(url, path)
            assert response.status == 401
            assert response.getheader("Content-Security-Policy")
            token = base64.b64encode(b"staff:correct horse").decode()
            response, _ = get(url, path, {"Authorization": f"Basic {token}"})
            assert response.status == 200
    finally:
        server.close()


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


def test_the_csp_check_sees_a_violation(page, nginx_url):
    """The check above is not vacuous: an inline script the policy does not pin is reported."""
    page.add_init_script(CSP_LISTENER)
    page.goto(nginx_url + "zh/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.head.append(s); }")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert any(entry.startswith("script-src") for entry in page.evaluate("window.__csp"))


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
