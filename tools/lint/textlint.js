#!/usr/bin/env node
// Run textlint with .textlintrc.json, reading Markdown through ./textlint-kb-markdown.js (Material syntax) and the
// `ja:` lines of YAML data through ./textlint-kb-yaml.js, and print one line per finding:
// `path:line:col: message [textlint rule]`. Exit 1 if anything is found.
//   node tools/lint/textlint.js "docs/ja/**/*.md" "data/**/*.yml"
// There is no --fix: rules see the rewritten text (see textlint-kb-markdown.js). Messages name the fix (四つ => 4つ).
// (Plain `textlint` would use its built-in Markdown reader, which always comes first for .md files.)
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter, loadTextlintrc } = require("textlint");
const { TextlintKernelDescriptor } = require("@textlint/kernel");
const kbMarkdown = require("./textlint-kb-markdown.js");
const kbYaml = require("./textlint-kb-yaml.js");
const cjkEmphasisSpace = require("./cjk-emphasis-space.js");

// The first line of a message says what is wrong; keep it and the "=> ..." lines that point at the words.
function oneLine(message) {
  const lines = message.split("\n").map((s) => s.trim());
  return [lines[0], ...lines.slice(1).filter((s) => s.startsWith("=>"))].join(" ");
}

// The words around the column, so a finding can be found without opening the file at that column.
function excerpt(line, column) {
  const from = Math.max(0, column - 10);
  const text = line.slice(from, column + 10).trim();
  return `"${from > 0 ? "…" : ""}${text}${column + 10 < line.length ? "…" : ""}"`;
}

async function main(args) {
  const patterns = args;
  const base = await loadTextlintrc();
  const descriptor = new TextlintKernelDescriptor({
    rules: [...base.rule.toKernelRulesFormat(), { ruleId: "kb/cjk-emphasis-space", rule: cjkEmphasisSpace.textlintRule }],
    filterRules: base.filterRule.toKernelFilterRulesFormat(),
    plugins: [
      { pluginId: "kb-markdown", plugin: kbMarkdown },
      { pluginId: "kb-yaml", plugin: kbYaml },
      ...base.plugin.toKernelPluginsFormat(),
    ],
    configBaseDir: base.configBaseDir,
  });
  const linter = createLinter({ descriptor });
  let found = 0;
  for (const result of await linter.lintFiles(patterns)) {
    const file = path.relative(process.cwd(), result.filePath);
    const lines = result.messages.length ? fs.readFileSync(result.filePath, "utf8").split("\n") : [];
    for (const m of result.messages) {
      const at = `${oneLine(m.message)} ${excerpt(lines[m.line - 1] || "", m.column - 1)}`;
      console.log(`${file}:${m.line}:${m.column}: ${at} [textlint ${m.ruleId}]`);
      found += 1;
    }
  }
  return found ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`textlint: ${error.message}`);
    process.exit(2);
  },
);
