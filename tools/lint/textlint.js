#!/usr/bin/env node
// Run textlint with .textlintrc.json, reading Markdown through ./textlint-kb-markdown.js (Material syntax) and the
// `ja:` lines of YAML data through ./textlint-kb-yaml.js, and print one line per finding:
// `path:line:col: message [textlint rule]`. Exit 1 if anything is found.
//   node tools/lint/textlint.js "docs/ja/**/*.md" "data/**/*.yml"
// There is no --fix: rules see the rewritten text (see textlint-kb-markdown.js). Messages name the fix (四つ => 4つ).
// (Plain `textlint` would use its built-in Markdown reader, which always comes first for .md files.)
"use strict";
const path = require("node:path");
const { createLinter, loadTextlintrc } = require("textlint");
const { TextlintKernelDescriptor } = require("@textlint/kernel");
const kbMarkdown = require("./textlint-kb-markdown.js");
const kbYaml = require("./textlint-kb-yaml.js");

// The first line of a message says what is wrong; keep it and the "=> ..." lines that point at the words.
function oneLine(message) {
  const lines = message.split("\n").map((s) => s.trim());
  return [lines[0], ...lines.slice(1).filter((s) => s.startsWith("=>"))].join(" ");
}

async function main(args) {
  const patterns = args;
  const base = await loadTextlintrc();
  const descriptor = new TextlintKernelDescriptor({
    rules: base.rule.toKernelRulesFormat(),
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
    for (const m of result.messages) {
      console.log(`${file}:${m.line}:${m.column}: ${oneLine(m.message)} [textlint ${m.ruleId}]`);
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
