"""Fixtures: the real site built once per session, a local server, a real browser."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import CHROMIUM, ROOT, Server, build_site, launch_chromium


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The real site, built with `mkdocs build --strict`; the log is kept for checks."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}", pytrace=False)
    return site, result.stdout


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    return site_build[0]


@pytest.fixture(scope="session")
def serve():
    servers = []

    def start(folder: Path) -> str:
        server = Server(folder)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def site_url(built_site, serve) -> str:
    return serve(built_site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips only where there is no browser and CI is unset."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {CHROMIUM} is missing: install Debian's chromium", pytrace=False)
        pytest.skip(f"no browser at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page; `page.outside_requests` lists requests that left 127.0.0.1."""
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.outside_requests = []

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            page.outside_requests.append(request.url)

    page.on("request", record)
    yield page
    context.close()
