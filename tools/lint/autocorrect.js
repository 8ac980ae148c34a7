#!/usr/bin/env node
// CJK spacing and punctuation of the Chinese text, with AutoCorrect (autocorrect-node) and .autocorrectrc.
// One line per finding: `path:line:col: "…old…" -> "…new…" [autocorrect]`. Exit 1 if anything is found.
//   node tools/lint/autocorrect.js docs/zh data/checklists        lint .md files, and the `zh:` lines of .yml files
//   node tools/lint/autocorrect.js --fix docs/zh data/checklists  rewrite those lines as AutoCorrect suggests
// It also reports spaces between CJK characters next to ** (cjk-emphasis-space.js), which --fix removes.
// Japanese text is left to textlint (jtf-style wants no space between Japanese and ASCII; AutoCorrect adds one),
// which is why in YAML only the lines that start with `zh:` are checked.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const autocorrect = require("autocorrect-node");
const { toCommonMarkWithShifts } = require("./textlint-kb-markdown.js");
const { straySpaces, MESSAGE: STRAY_SPACE } = require("./cjk-emphasis-space.js");

const CONFIG = path.join(__dirname, "..", "..", ".autocorrectrc");
const MARKDOWN = /\.md$/;
const YAML = /\.ya?ml$/;
const CHINESE_LINE = /^\s*(?:-\s+)?zh:\s/;

function* walk(target) {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    yield target;
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) yield* walk(child);
    else if (MARKDOWN.test(entry.name) || YAML.test(entry.name)) yield child;
  }
}

// The changed part of a line, with a few characters around it.
function excerpt(before, after) {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before.at(-1 - end) === after.at(-1 - end)) end++;
  const from = Math.max(0, start - 6);
  const cut = (s) => (from > 0 ? "…" : "") + s.slice(from, s.length - Math.max(0, end - 6)) + (end > 6 ? "…" : "");
  return `"${cut(before)}" -> "${cut(after)}"`;
}

function lintFile(file) {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  // Material blocks (`!!! note`, `=== "tab"`) indent their body, which AutoCorrect would skip as code: lint the
  // Markdown with that indentation removed (same lines), then add it back to the columns.
  const markdown = MARKDOWN.test(file) ? toCommonMarkWithShifts(text, "zh") : { text, shifts: [] };
  const result = autocorrect.lintFor(markdown.text, file);
  if (result.error) throw new Error(`${file}: ${result.error}`);
  const findings = result.lines
    .filter((f) => !YAML.test(file) || CHINESE_LINE.test(lines[f.l - 1]))
    .map((f) => ({ ...f, c: f.c + (markdown.shifts[f.l - 1] || 0) }));
  // Spaces between CJK characters next to ** (see cjk-emphasis-space.js), as findings of the same shape.
  const starts = [0];
  for (const line of markdown.text.split("\n")) starts.push(starts.at(-1) + line.length + 1);
  for (const { index, length } of MARKDOWN.test(file) ? straySpaces(markdown.text) : []) {
    const l = starts.findIndex((start) => start > index);
    const c = index - starts[l - 1] + markdown.shifts[l - 1] + 1;
    const line = lines[l - 1];
    findings.push({ l, c, old: line, new: line.slice(0, c - 1) + line.slice(c - 1 + length), stray: length });
  }
  findings.sort((a, b) => a.l - b.l || a.c - b.c);
  return { lines, findings };
}

function main(args) {
  const fix = args.includes("--fix");
  const targets = args.filter((a) => a !== "--fix");
  if (fs.existsSync(CONFIG)) autocorrect.loadConfig(fs.readFileSync(CONFIG, "utf8"));
  let found = 0;
  for (const target of targets) {
    for (const file of walk(target)) {
      const { lines, findings } = lintFile(file);
      if (fix && findings.length) {
        for (const f of [...findings].reverse()) {
          const line = lines[f.l - 1];
          if (f.stray) {
            lines[f.l - 1] = line.slice(0, f.c - 1) + line.slice(f.c - 1 + f.stray);
            continue;
          }
          const at = line.indexOf(f.old, Math.max(0, f.c - 1 - 1));
          if (at >= 0) lines[f.l - 1] = line.slice(0, at) + f.new + line.slice(at + f.old.length);
        }
        fs.writeFileSync(file, lines.join("\n"));
        continue;
      }
      for (const f of findings) {
        const what = f.stray ? `${STRAY_SPACE} ${excerpt(f.old, f.new)} [cjk-emphasis-space]` : `${excerpt(f.old, f.new)} [autocorrect]`;
        console.log(`${path.relative(process.cwd(), file)}:${f.l}:${f.c}: ${what}`);
        found += 1;
      }
    }
  }
  if (fix) return main(targets);
  return found ? 1 : 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  console.error(`autocorrect: ${error.message}`);
  process.exit(2);
}
