"""The wrappers in tools/lint/ read Material's Markdown syntax and report one exact `path:line:col` per finding.

They run the real textlint and AutoCorrect from node_modules/ (make test installs them) on small pages written here.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

NODE = shutil.which("node")

PAGE_JA = """\
---
title: テスト
---

# テスト {#top}

!!! note "注意"
    最初の段落です。

    二番目の段落です.

=== "電話"

    タブの中の文です.

## 見出し {#heading}

本文です。
"""

PAGE_ZH = """\
# 标题

!!! tip "提示"
    第一段。

    在晚上7点之前拨打。

=== "电话"

    共3个。
"""

DATA = """\
title:
  ja: 直近3か月の件数
  zh: 最近3个月的数量
"""


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    if not (NODE and (ROOT / "node_modules" / "textlint").exists()):
        pytest.fail("the lint tools need node and node_modules (make test installs them)", pytrace=False)
    return subprocess.run([NODE, str(ROOT / "tools" / "lint" / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def findings(output: str, path: Path) -> list[tuple[int, int, str]]:
    """(line, column, tool/rule) of each output line about `path`, which is shown relative to the repository."""
    shown = str(path.relative_to(ROOT))
    found = []
    for line in output.splitlines():
        if not line.startswith(shown + ":"):
            continue
        place, _, rest = line[len(shown) + 1 :].partition(": ")
        row, col = place.split(":")
        found.append((int(row), int(col), rest.rsplit("[", 1)[1].rstrip("]")))
    return found


@pytest.fixture
def scratch():
    # Inside the repository, so that textlint reads the project's .textlintrc.json as `make lint` does.
    folder = ROOT / ".lint-test"
    folder.mkdir(exist_ok=True)
    yield folder
    shutil.rmtree(folder)


def test_textlint_reads_admonition_and_tab_bodies_at_their_real_positions(scratch):
    page = scratch / "page.md"
    page.write_text(PAGE_JA, encoding="utf-8")
    result = run("textlint.js", str(page))
    assert result.returncode == 1, result.stderr
    found = findings(result.stdout, page)
    # The second paragraph of the admonition and the tab body: indented by 4, so real columns start at 5.
    assert (10, 5, "textlint jtf-style/2.2.2.算用数字と漢数字の使い分け") in found
    assert (10, 13, "textlint jtf-style/4.1.3.ピリオド(.)、カンマ(,)") in found
    assert (14, 13, "textlint jtf-style/4.1.3.ピリオド(.)、カンマ(,)") in found
    # Nothing about the `!!!` / `===` markers, the `{#id}` attribute lists, or the correct text.
    assert {row for row, _, _ in found} == {10, 14}


def test_textlint_reads_a_block_inside_a_list_item_and_skips_code(scratch):
    page = scratch / "page.md"
    page.write_text(
        '---\ntitle: テスト\n---\n\n# テスト\n\n1. 手順です。\n\n    !!! note "注意"\n        中の文です.\n\n'
        "2. 次の手順です。\n\n```text\n!!! コードです.\n```\n",
        encoding="utf-8",
    )
    result = run("textlint.js", str(page))
    assert {(row, col) for row, col, _ in findings(result.stdout, page)} == {(10, 14)}, result.stderr


def test_textlint_passes_clean_text(scratch):
    page = scratch / "page.md"
    page.write_text('---\ntitle: テスト\n---\n\n# テスト {#top}\n\n!!! tip "ヒント"\n    正しい文です。\n', encoding="utf-8")
    result = run("textlint.js", str(page))
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


def test_textlint_skips_text_in_another_language_and_keeps_example_phrases(scratch):
    page = scratch / "page.md"
    page.write_text(
        "---\ntitle: テスト\n---\n\n# テスト\n\n"
        "| 日本語 | 中文 |\n| --- | --- |\n"
        "| 情報セキュリティ {: #isms } | 信息安全管理体系 {: lang=zh } |\n\n"
        '中国語では<span lang="zh">信息安全管理体系</span>と呼びます。\n\n'
        "「ご用件をお伺いしてもよろしいでしょうか。」\n\n"
        "お客様：「明日で大丈夫ですよ。」\n\n"
        "「承知しました。」とお伝えします。\n",
        encoding="utf-8",
    )
    result = run("textlint.js", str(page))
    # Only the quote inside a sentence keeps its rule: no 。 before the closing 」.
    assert findings(result.stdout, page) == [(17, 8, "textlint jtf-style/4.1.1.句点(。)")], result.stderr


def test_textlint_reads_the_japanese_values_of_data_files(scratch):
    data = scratch / "data.yml"
    data.write_text(
        "title: {ja: 確認すること, zh: 确认事项}\n"
        "items:\n"
        "  - id: a\n"
        "    text:\n"
        "      ja: 四つの項目を確認した\n"
        "      zh: 已确认四个项目\n"
        "    note:\n"
        '      ja: "メモです."\n',
        encoding="utf-8",
    )
    result = run("textlint.js", str(data))
    assert result.returncode == 1, result.stderr
    # Labels (title, item text) need no 。; the note is a sentence. Columns are those of the YAML file.
    assert {(row, col) for row, col, _ in findings(result.stdout, data)} == {(5, 11), (8, 16)}


def test_autocorrect_reads_material_blocks_and_only_the_chinese_lines_of_data(scratch):
    page, data = scratch / "page.md", scratch / "data.yml"
    page.write_text(PAGE_ZH, encoding="utf-8")
    data.write_text(DATA, encoding="utf-8")
    result = run("autocorrect.js", str(page), str(data))
    assert result.returncode == 1, result.stderr
    assert findings(result.stdout, page) == [(6, 5, "autocorrect"), (10, 5, "autocorrect")]
    assert findings(result.stdout, data) == [(3, 7, "autocorrect")]
    assert '"在晚上7点之前拨打。" -> "在晚上 7 点之前拨打。"' in result.stdout


def test_autocorrect_fix_rewrites_only_what_it_reported(scratch):
    page, data = scratch / "page.md", scratch / "data.yml"
    page.write_text(PAGE_ZH, encoding="utf-8")
    data.write_text(DATA, encoding="utf-8")
    result = run("autocorrect.js", "--fix", str(page), str(data))
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert page.read_text(encoding="utf-8") == PAGE_ZH.replace("晚上7点", "晚上 7 点").replace("共3个", "共 3 个")
    assert data.read_text(encoding="utf-8") == DATA.replace("最近3个月", "最近 3 个月")


def test_rewriting_keeps_every_line_of_the_real_pages():
    """Line numbers are reported unchanged: the rewrite must keep the line count of every page."""
    script = (
        "const { toCommonMarkWithShifts } = require('./tools/lint/textlint-kb-markdown.js');"
        "const fs = require('fs');"
        "for (const f of process.argv.slice(1)) {"
        "  const t = fs.readFileSync(f, 'utf8'); const r = toCommonMarkWithShifts(t);"
        "  const a = t.split('\\n'), b = r.text.split('\\n');"
        "  if (a.length !== b.length) { console.log(f + ': line count'); continue; }"
        "  a.forEach((l, i) => { if (l.slice(r.shifts[i]).length !== b[i].length || !/^ *$/.test(l.slice(0, r.shifts[i])))"
        "    console.log(f + ':' + (i + 1)); });"
        "}"
    )
    pages = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md"))
    if not NODE:
        pytest.fail("needs node", pytrace=False)
    result = subprocess.run([NODE, "-e", script, *pages], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


def test_both_tools_report_a_space_between_cjk_characters_next_to_bold(scratch):
    ja, zh = scratch / "ja.md", scratch / "zh.md"
    ja.write_text(
        "---\ntitle: テスト\n---\n\n# テスト\n\n- **聴く。** さえぎらずに伺います。\n- **復唱する。**番号を確かめます。\n", encoding="utf-8"
    )
    zh.write_text("# 标题\n\n- **倾听。** 不要打断客户。\n- 使用 **MkDocs** 构建。\n", encoding="utf-8")
    assert findings(run("textlint.js", str(ja)).stdout, ja) == [(7, 10, "textlint kb/cjk-emphasis-space")]
    assert findings(run("autocorrect.js", str(zh)).stdout, zh) == [(3, 10, "cjk-emphasis-space")]
    assert run("autocorrect.js", "--fix", str(zh)).returncode == 0
    assert zh.read_text(encoding="utf-8") == "# 标题\n\n- **倾听。**不要打断客户。\n- 使用 **MkDocs** 构建。\n"
