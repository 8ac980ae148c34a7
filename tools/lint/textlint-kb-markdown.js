// textlint processor: Markdown as this site writes it (Python-Markdown + pymdown-extensions for Material for MkDocs).
//
// textlint parses CommonMark, which reads Material's block syntax wrongly: the body of an admonition
// (`!!! note "title"`), a collapsible block (`??? note`) or a content tab (`=== "title"`) is indented by 4 spaces, so
// its first paragraph is glued to the `!!!` line and the rest become code blocks that no rule looks at. Heading
// attribute lists (`## 見出し {#id}`) end up in the heading text.
//
// `toCommonMark` rewrites those lines into CommonMark with the same length and the same line breaks, so every
// position that a rule reports (line, column, range for --fix) is the position in the real file:
//   `!!! type "title"`  ->  `#     ...  title `   (a heading that holds only the title; no title -> blank line)
//   body line `    x`   ->  `>   x`                (each 4-space level of an open block becomes a blockquote level)
//   `## 見出し {#id}`    ->  `## 見出し      `      (attribute list blanked)
"use strict";
const { parse } = require("@textlint/markdown-to-ast");

const BLOCK = /^(?:!!!|\?\?\?\+?|===[!+]?)(?=\s|$)/;
const TITLE = /^((?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"|===[!+]?[ \t]+")(.*)"[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSE_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING_ATTRS = /^( {0,3}#{1,6}[ \t].*?)([ \t]*\{[^{}]*\}[ \t]*)$/;

const blank = (s) => s.replace(/[^\s]/g, " ");

function rewriteHeader(rest) {
  const titled = TITLE.exec(rest);
  if (!titled) return blank(rest);
  // "#" then spaces over the marker and the opening quote; the closing quote becomes a space.
  return "#" + " ".repeat(titled[1].length - 1) + titled[2] + " ".repeat(rest.length - titled[1].length - titled[2].length);
}

function toCommonMark(text) {
  const lines = text.split("\n");
  let depth = 0; // open Material blocks; the body of block n is indented by 4 * n spaces
  let fence = null; // the marker of the open fenced code block, if any
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const indent = line.length - line.trimStart().length;
    const levels = Math.min(depth, Math.floor(indent / 4));
    if (!fence) depth = levels;
    const inner = line.slice(levels * 4);
    const prefix = ">   ".repeat(levels);
    if (fence) {
      const close = CLOSE_FENCE.exec(inner);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
    } else if (FENCE.test(inner)) {
      fence = FENCE.exec(inner)[1];
    } else if (BLOCK.test(inner)) {
      lines[i] = prefix + rewriteHeader(inner);
      depth += 1;
      continue;
    } else {
      const attrs = HEADING_ATTRS.exec(inner);
      if (attrs) {
        lines[i] = prefix + attrs[1] + blank(attrs[2]);
        continue;
      }
    }
    lines[i] = prefix + inner;
  }
  return lines.join("\n");
}

class KbMarkdownProcessor {
  constructor(config = {}) {
    this.config = config;
  }
  availableExtensions() {
    return [".md"];
  }
  processor() {
    return {
      preProcess(text) {
        return parse(toCommonMark(text));
      },
      postProcess(messages, filePath) {
        return { messages, filePath: filePath || "<markdown>" };
      },
    };
  }
}

module.exports = { Processor: KbMarkdownProcessor, toCommonMark };
