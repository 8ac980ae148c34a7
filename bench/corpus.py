"""Generate a synthetic bilingual knowledge base for the build benchmark.

Pages look like ours: front matter, headings with explicit ids, CJK paragraphs,
tables, admonitions, shortcodes and links to a sibling page's section. The folders
are shaped like the site's navigation: top-level areas (as プレイブック, 資料) hold
topics of 50 pages (as a playbook with its sub-pages), each topic with an index page.
"""

import random
from pathlib import Path

TOPIC_SIZE = 50  # pages per topic folder, its index page included
TOPICS_PER_AREA = 10

WORDS = {
    "ja": [
        "お客様",
        "折り返し",
        "電話",
        "営業時間",
        "担当者",
        "確認",
        "連絡",
        "対応",
        "クレーム",
        "見積もり",
        "請求",
        "説明",
        "記録",
        "共有",
        "謝罪",
        "手順",
        "メール",
        "留守番電話",
        "翌営業日",
        "責任者",
    ],
    "zh": [
        "客户",
        "回电",
        "电话",
        "营业时间",
        "负责人",
        "确认",
        "联系",
        "处理",
        "投诉",
        "报价",
        "账单",
        "说明",
        "记录",
        "共享",
        "道歉",
        "步骤",
        "邮件",
        "语音留言",
        "下一个工作日",
        "主管",
    ],
}
GLUE = {
    "ja": ["は", "を", "に", "で", "と", "の", "から", "まで"],
    "zh": ["的", "在", "和", "把", "给", "向", "从", "到"],
}
END = {
    "ja": ["します。", "してください。", "が大切です。", "を忘れないでください。"],
    "zh": ["。", "，然后再处理。", "，这一点很重要。", "，请不要忘记。"],
}
HEADINGS = {"ja": ["概要", "手順", "例文", "注意点", "エスカレーション"], "zh": ["概要", "步骤", "示例话术", "注意事项", "升级处理"]}
HEADING_IDS = ["summary", "steps", "phrases", "notes", "escalation"]
CHECKLISTS = ["after-hours-call", "voicemail-message", "same-day-callback", "declining-request"]
# The site's own pages embed one checklist per ~8.5 KB of Markdown (8 in 68 KB); a synthetic
# page is ~3 KB, so by default every third page embeds one. `--checklist-every 1` is the worst case.
CHECKLIST_EVERY = 3


def sentence(rng: random.Random, language: str) -> str:
    parts = []
    for _ in range(rng.randint(3, 6)):
        parts.append(rng.choice(WORDS[language]) + rng.choice(GLUE[language]))
    return "".join(parts) + rng.choice(WORDS[language]) + rng.choice(END[language])


def page_file(number: int) -> str:
    """Where page `number` lives: `a0/t00/index.md`, `a0/t00/p0001.md`, … (relative to the language folder)."""
    topic = number // TOPIC_SIZE
    folder = f"a{topic // TOPICS_PER_AREA}/t{topic % TOPICS_PER_AREA:02d}"
    return f"{folder}/index.md" if number % TOPIC_SIZE == 0 else f"{folder}/p{number:04d}.md"


def sibling(number: int, pages: int) -> str:
    """File name of the next page in the same topic (the last one links back to the topic's index)."""
    following = number + 1
    same_topic = following < pages and following % TOPIC_SIZE
    return page_file(following if same_topic else number - number % TOPIC_SIZE).rsplit("/", 1)[1]


def page(rng: random.Random, language: str, number: int, checklist_every: int, pages: int) -> str:
    title = f"{rng.choice(WORDS[language])}{rng.choice(GLUE[language])}{rng.choice(WORDS[language])} {number}"
    lines = [
        "---",
        f"title: {title}",
        f"description: {sentence(rng, language)}",
        "owner: " + ("カスタマーサポート責任者" if language == "ja" else "客户服务主管"),
        "reviewed: 2026-11-01",
        "---",
        "",
        f"# {title}",
        "",
    ]
    for heading, heading_id in zip(HEADINGS[language], HEADING_IDS, strict=True):
        lines += [f"## {heading} {{#{heading_id}}}", "", "".join(sentence(rng, language) for _ in range(4)), ""]
        if heading_id == "steps":
            lines += [f"{i}. {sentence(rng, language)}" for i in range(1, 5)] + [""]
        if heading_id == "phrases":
            lines += ['!!! example "' + HEADINGS[language][2] + '"', "", "    " + sentence(rng, language), ""]
            lines += [f"### {HEADINGS[language][2]} {number} {{#phrases-more}}", "", sentence(rng, language), ""]
        if heading_id == "escalation":
            lines += [f"[{rng.choice(WORDS[language])}]({sibling(number, pages)}#steps)", ""]
        if heading_id == "notes":
            lines += ["| A | B | C |", "| --- | --- | --- |"]
            lines += [f"| {rng.choice(WORDS[language])} | {rng.randint(1, 99)} | {sentence(rng, language)} |" for _ in range(4)] + [""]
    checklist = rng.choice(CHECKLISTS)
    if checklist_every and number % checklist_every == 0:
        lines += [f"<!-- md:checklist {checklist} -->", ""]
    return "\n".join(lines)


def write_corpus(docs: Path, pages_per_language: int, checklist_every: int = CHECKLIST_EVERY, seed: int = 1) -> None:
    """docs/{ja,zh}/aN/tNN/…: `pages_per_language` pages per language plus a home page.

    Every `checklist_every`-th page embeds a checklist shortcode (0: none).
    """
    for language in ("ja", "zh"):
        rng = random.Random(seed)  # same structure in both languages
        root = docs / language
        root.mkdir(parents=True, exist_ok=True)
        home = "ホーム" if language == "ja" else "首页"
        front = f"---\ntitle: {home}\ndescription: {home}\nowner: {home}\nreviewed: 2026-11-01\n---\n\n"
        (root / "index.md").write_text(f"{front}# {home}\n\n{sentence(rng, language)}\n", encoding="utf-8")
        for number in range(pages_per_language):
            target = root / page_file(number)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page(rng, language, number, checklist_every, pages_per_language), encoding="utf-8")
