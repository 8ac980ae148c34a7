"""Generate a synthetic bilingual knowledge base for the build benchmark.

Pages look like ours: front matter, headings with explicit ids, CJK paragraphs,
tables, admonitions and shortcodes, grouped in sections of 50 pages.
"""

import random
from pathlib import Path

SECTION_SIZE = 50

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


def sentence(rng: random.Random, language: str) -> str:
    parts = []
    for _ in range(rng.randint(3, 6)):
        parts.append(rng.choice(WORDS[language]) + rng.choice(GLUE[language]))
    return "".join(parts) + rng.choice(WORDS[language]) + rng.choice(END[language])


def page(rng: random.Random, language: str, number: int, with_shortcodes: bool) -> str:
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
        if heading_id == "notes":
            lines += ["| A | B | C |", "| --- | --- | --- |"]
            lines += [f"| {rng.choice(WORDS[language])} | {rng.randint(1, 99)} | {sentence(rng, language)} |" for _ in range(4)] + [""]
    if with_shortcodes:
        lines += [f"<!-- md:checklist {rng.choice(CHECKLISTS)} -->", ""]
    return "\n".join(lines)


def write_corpus(docs: Path, pages_per_language: int, with_shortcodes: bool, seed: int = 1) -> None:
    """docs/{ja,zh}/sNN/pNNNN.md plus an index page per language and section."""
    for language in ("ja", "zh"):
        rng = random.Random(seed)  # same structure in both languages
        root = docs / language
        root.mkdir(parents=True, exist_ok=True)
        home = "ホーム" if language == "ja" else "首页"
        front = f"---\ntitle: {home}\ndescription: {home}\nowner: {home}\nreviewed: 2026-11-01\n---\n\n"
        (root / "index.md").write_text(f"{front}# {home}\n\n{sentence(rng, language)}\n", encoding="utf-8")
        for number in range(pages_per_language):
            section = root / f"s{number // SECTION_SIZE:02d}"
            section.mkdir(exist_ok=True)
            (section / f"p{number:04d}.md").write_text(page(rng, language, number, with_shortcodes), encoding="utf-8")
