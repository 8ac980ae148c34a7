// textlint processor for data/**/*.yml: lints the Japanese text (every `ja:` value) as Markdown.
// Each value stays on its own line; every other line becomes an empty HTML comment, which keeps values apart.
// `intro` and `note` are paragraphs of sentences. Every other value (a title, a checklist item, a table label or
// cell) may end without 。, so it is read as a list item of its own, like the items of a list on a page.
// `shifts[i]` is where the value starts in line i (minus the "- " put in front of a label); every reported position
// is moved back there with the mapping of textlint-kb-markdown.js.
"use strict";
const { parse } = require("@textlint/markdown-to-ast");
const { positionMapper, mapMessage } = require("./textlint-kb-markdown.js");

const BLOCK = /^(\s*)(?:-\s+)?ja:[ \t]+(.*?)\s*$/; // ja: text (under a `key:` line)
const FLOW = /(\w+):[ \t]*\{[ \t]*ja:[ \t]*(.*?)[ \t]*(?:,[ \t]*zh:|\})/; // key: {ja: text, zh: ...}
const KEY = /^(\s*)(?:-\s+)?(\w+):/;
const SENTENCES = new Set(["intro", "note"]);
const SEPARATOR = "<!-- -->";

// The key that a block `ja:` line belongs to: the nearest line above it that is indented less.
function parentKey(lines, i, indent) {
  for (let j = i - 1; j >= 0; j--) {
    const key = KEY.exec(lines[j]);
    if (key && key[1].length < indent) return key[2];
  }
  return "";
}

function japaneseLines(text) {
  const original = text.split("\n");
  const lines = original.map((line) => (line.trim() ? SEPARATOR : ""));
  const shifts = original.map(() => 0);
  original.forEach((line, i) => {
    let key, value, start;
    const block = BLOCK.exec(line);
    const flow = !block && FLOW.exec(line);
    if (block) [key, value, start] = [parentKey(original, i, block[1].length), block[2], line.indexOf(block[2], block[1].length)];
    else if (flow) [key, value, start] = [flow[1], flow[2], flow.index + flow[0].lastIndexOf(flow[2])];
    else return;
    // A quoted scalar: lint what is inside the quotes.
    if (/^(['"]).*\1$/.test(value)) [start, value] = [start + 1, value.slice(1, -1)];
    const prefix = SENTENCES.has(key) ? "" : "- ";
    lines[i] = prefix + value;
    shifts[i] = start - prefix.length;
  });
  return { text: lines.join("\n"), shifts };
}

class KbYamlProcessor {
  constructor(config = {}) {
    this.config = config;
    this.rewritten = new Map();
  }
  availableExtensions() {
    return [".yml", ".yaml"];
  }
  processor() {
    const rewritten = this.rewritten;
    return {
      preProcess(text, filePath) {
        const result = japaneseLines(text);
        rewritten.set(filePath, result);
        return { text: result.text, ast: parse(result.text) };
      },
      postProcess(messages, filePath) {
        const result = rewritten.get(filePath);
        const map = positionMapper(result.text, result.shifts);
        return { messages: messages.map((m) => mapMessage(m, map)), filePath };
      },
    };
  }
}

module.exports = { Processor: KbYamlProcessor, japaneseLines };
