"""Helpers shared by the tests: build a site, serve a folder on 127.0.0.1."""

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

# Debian's Chromium, launched the same way by the tests and the benchmarks.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright):
    """A headless Chromium from a Playwright instance (`sync_playwright()`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


# The URL contract (README "URLs and anchors"): every path exists in both languages.
CONTRACT_PATHS = [
    "",
    "playbooks/returning-calls/",
    "playbooks/after-hours-contact/",
    "playbooks/declining-clients/",
    "playbooks/complaint-handling/",
    "playbooks/answering-service/",
    "checklists/",
    "comparisons/",
    "glossary/",
    "onboarding/",
    "contributing/",
    "translation-status/",
]
LANGUAGE_PREFIX = {"ja": "", "zh": "zh/"}


def build_site(project_dir: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build --strict`; stdout holds the whole log (stderr merged)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )


def build_fixture_site(project_dir: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    """Build a fixture project (its own mkdocs.yml, docs/, data/)."""
    return build_site(project_dir, site_dir or Path(project_dir) / "site")


def _drop_top_level_key(text: str, key: str) -> str:
    return re.sub(rf"^{key}:\n(?:(?:[ \t].*)?\n)*", "", text, flags=re.MULTILINE)


def site_config(with_hooks: bool = True) -> str:
    """The real mkdocs.yml for another docs tree: automatic navigation, absolute paths to our code."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = _drop_top_level_key(_drop_top_level_key(text, "nav"), "watch")
    text = re.sub(r"^ +nav_translations:\n(?: {12}.*\n)*", "", text, flags=re.MULTILINE)
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = re.sub(r"^  - hooks/", f"  - {ROOT / 'hooks'}/", text, flags=re.MULTILINE)
    if not with_hooks:
        text = _drop_top_level_key(text, "hooks")
    return text


def make_project(folder: Path, with_hooks: bool = True) -> Path:
    """An empty project that builds like ours: config, site assets, empty docs/ and data/."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets", dirs_exist_ok=True)
    (folder / "mkdocs.yml").write_text(site_config(with_hooks), encoding="utf-8")
    return folder


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")  # libnginx-mod-http-brotli-filter


class NginxServer:
    """Debian's nginx serving a folder with deploy/nginx.conf (as in production), on 127.0.0.1.

    `server` replaces the text of deploy/nginx.conf (a test enabling its auth placeholder);
    with `brotli`, the module is loaded and kb-brotli.conf installed where the module exists,
    as Debian's modules-enabled/ would.
    """

    def __init__(self, folder: Path, prefix: Path, server: str | None = None, brotli: bool = True):
        port = free_port()
        server = server if server is not None else (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
        server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/kb/site;", f"root {folder};")
        (prefix / "kb.conf").write_text(server, encoding="utf-8")
        shutil.copy(ROOT / "deploy" / "kb-csp.conf", prefix / "kb-csp.conf")
        modules = ""
        if brotli and BROTLI.exists():
            modules = f"load_module {BROTLI};"
            shutil.copy(ROOT / "deploy" / "kb-brotli.conf", prefix / "kb-brotli.conf")
        temp = "".join(f"{kind}_temp_path {prefix}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (prefix / "nginx.conf").write_text(
            f"""{modules}
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  {temp}
  include {prefix}/kb.conf;
}}
""",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE, text=True
        )
        self.url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"nginx did not start: {self.process.stderr.read()}") from None
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening")

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """A static file server on 127.0.0.1 with a free port, in a background thread."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def page_path(language: str, path: str) -> str:
    return LANGUAGE_PREFIX[language] + path


def html_file(site: Path, language: str, path: str) -> Path:
    return site / page_path(language, path) / "index.html"


def indexed_pages(site: Path) -> dict[str, dict]:
    """What the built search index holds: page URL -> its index's language, its title and its text.

    Each fragment file (one per page, named after its language) is gzip of "pagefind_dcd" and the
    page's JSON, whose text has a zero-width space between the words Pagefind segmented.
    """
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        language = fragment.name.partition("_")[0]
        pages[record["url"]] = {"language": language, "title": record["meta"]["title"], "text": record["content"].replace("\u200b", "")}
    return pages


# In the page: note when the query is typed (its input event) and when results (or "no results") are
# shown after it. Material sends the query on keyup, or on focus (re-read 1 ms later), whichever comes
# first; an IME commit needs that following key, so the helper presses End after typing.
_WATCH_SEARCH = """() => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const none = JSON.parse(document.getElementById('__config').textContent).translations['search.result.none'];
  window.__search = {start: null, shown: null};
  input.addEventListener('input', () => { window.__search.start = performance.now(); window.__search.shown = null; });
  new MutationObserver(() => {
    const s = window.__search;
    if (s.start !== null && s.shown === null && (list.children.length || meta.textContent.trim() === none))
      s.shown = performance.now();
  }).observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
}"""

_READ_RESULTS = """() => [...document.querySelectorAll('.md-search-result__list > li')].map(li =>
  [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href))"""


def search_ui(page, url: str, query: str, timeout_ms: int = 10_000) -> tuple[list[list[str]], float | None]:
    """Open `url`, type `query` into Material's search box like a person, and read the result list.

    Returns the result items (each a list of link URLs: the page first, then its sections)
    and the milliseconds from typing the query to the first results shown
    (None: the search showed nothing within the timeout, e.g. its engine failed on the query).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    page.wait_for_load_state("networkidle")  # a person starts typing after the page has loaded
    box = page.locator(".md-search__input")
    box.click()
    page.evaluate(_WATCH_SEARCH)
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_function("() => window.__search.shown !== null", timeout=timeout_ms)
    except PlaywrightTimeout:
        state = page.evaluate("""() => [document.querySelector('.md-search-result__meta').textContent.trim(),
            document.querySelector('.md-search__input').value, document.activeElement && document.activeElement.className,
            JSON.stringify(window.__search)]""")
        print(f"search_ui: nothing shown for {query!r} within {timeout_ms} ms: {state}")
        return [], None
    page.wait_for_timeout(50)  # let the rest of the list render
    elapsed = page.evaluate("() => window.__search.shown - window.__search.start")
    return page.evaluate(_READ_RESULTS), elapsed
