// textlint processor: Markdown as this site writes it (Python-Markdown + pymdown-extensions for Material for MkDocs).
//
// textlint parses CommonMark, which reads Material's block syntax wrongly: the body of an admonition
// (`!!! note "title"`), a collapsible block (`??? note`) or a content tab (`=== "title"`) is indented by 4 spaces, so
// its first paragraph is glued to the `!!!` line and the rest become code blocks that no rule looks at. Heading
// attribute lists (`## 見出し {#id}`) end up in the heading text.
//
// `toCommonMark(text, language)` rewrites those lines into CommonMark, keeping every line where it is:
//   `!!! type "title"`  ->  `#     ...  title `   a heading that holds only the title (no title: a blank line)
//   body `    text`     ->  `text`                the indentation of each open block is removed
//   `## 見出し {#id}`    ->  `## 見出し      `       attribute lists (`{#id}`, `{: lang=zh }`) are blanked
//   `| 回电 {: lang=zh } |`, `<span lang="zh">回电</span>`   text marked as another language than `language` is
//                                                  replaced by a stand-in word of the same length
//   `「…ですか。」` alone   ->  `「…ですか」。`        a line that is one quoted utterance (an example phrase, maybe
//                                                  after `お客様：`) ends in 。」 on this site; the swap keeps
//                                                  jtf-style 4.1.1 (no 。 before 」) for quotes inside sentences
// (A blockquote would keep the indentation's width, but most textlint rules skip quoted text.) `shifts[i]` is how many
// characters line i lost at its start; the processor moves every reported position back to the real file.
"use strict";
const { parse } = require("@textlint/markdown-to-ast");

const BLOCK = /^(?:!!!|\?\?\?\+?|===[!+]?)(?=\s|$)/;
const TITLE = /^((?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"|===[!+]?[ \t]+")(.*)"[ \t]*$/;
const FENCE = /^(`{3,}|~{3,})/;
const CLOSE_FENCE = /^(`{3,}|~{3,})[ \t]*$/;
const HEADING_ATTRS = /^( {0,3}#{1,6}[ \t].*?)([ \t]*\{[^{}]*\}[ \t]*)$/;
// attr_list: `{: #id .class key=value }`, also written without the colon.
const ATTR = String.raw`(?:[#.][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s{}]+))`;
const ATTRS = new RegExp(String.raw`\{:?[ \t]*${ATTR}(?:[ \t]+${ATTR})*[ \t]*\}`, "g");
const LANG_ATTR = /\blang=["']?([\w-]+)/;
const SPAN = /(<span\b[^>]*\blang=["']?([\w-]+)[^>]*>)([^<]*)(<\/span>)/g;
const QUOTE_LINE = /^((?:[-*+]|\d+\.)[ \t]+)?([^「」\s]{1,12}：)?「(.*)。」[ \t]*$/;

const blank = (s) => s.replace(/\S/g, " ");
// A stand-in for a word in another language: ASCII in Japanese text (no spacing rule there), a Han character in
// Chinese text (where ASCII would need spaces around it).
const foreign = (s, language) => s.replace(/\S/g, language === "zh" ? "中" : "X");

// The brackets of `inside` pair up, so the line is one quotation from its 「 to its last 」.
function balanced(inside) {
  let depth = 0;
  for (const ch of inside) {
    if (ch === "「") depth++;
    else if (ch === "」" && --depth < 0) return false;
  }
  return depth === 0;
}

function rewriteInline(line, language) {
  let out = line;
  // A table cell or a block marked `{: lang=xx }`: its text is in another language.
  if (/^\s*\|/.test(out)) {
    out = out
      .split(/(?<!\\)\|/)
      .map((cell) => {
        const lang = (cell.match(ATTRS) || []).map((a) => LANG_ATTR.exec(a)).find(Boolean);
        return lang && lang[1] !== language ? foreign(cell.replace(ATTRS, (a) => blank(a)), language) : cell;
      })
      .join("|");
  }
  out = out.replace(SPAN, (all, open, lang, inner, close) => (lang === language ? all : open + foreign(inner, language) + close));
  out = out.replace(ATTRS, (a) => blank(a));
  const quote = QUOTE_LINE.exec(out);
  if (quote && balanced(quote[3])) out = out.replace(/。」([ \t]*)$/, "」。$1");
  return out;
}

function rewriteHeader(line) {
  const titled = TITLE.exec(line);
  if (!titled) return blank(line);
  // "#" then spaces over the marker and the opening quote; the closing quote becomes a space.
  const [, marker, title] = titled;
  return "#" + " ".repeat(marker.length - 1) + title + " ".repeat(line.length - marker.length - title.length);
}

function toCommonMarkWithShifts(text, language = "ja") {
  const lines = text.split("\n");
  const shifts = lines.map(() => 0);
  const bodies = []; // indentation of the body of each open Material block, innermost last
  let fence = null; // the marker of the open fenced code block, if any
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const indent = line.length - line.trimStart().length;
    if (!fence) while (bodies.length && indent < bodies.at(-1)) bodies.pop();
    let cut = Math.min(bodies.at(-1) || 0, indent);
    let inner = line.slice(cut);
    const start = inner.trimStart();
    if (fence) {
      const close = CLOSE_FENCE.exec(start);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
    } else if (FENCE.test(start)) {
      fence = FENCE.exec(start)[1];
    } else if (BLOCK.test(start)) {
      // Also a block inside a list item: its marker is indented, its body by 4 more.
      cut = indent;
      inner = rewriteHeader(start);
      bodies.push(indent + 4);
    } else {
      const attrs = HEADING_ATTRS.exec(inner);
      inner = attrs ? attrs[1] + blank(attrs[2]) : rewriteInline(inner, language);
    }
    lines[i] = inner;
    shifts[i] = cut;
  }
  return { text: lines.join("\n"), shifts };
}

const toCommonMark = (text, language) => toCommonMarkWithShifts(text, language).text;

// Map positions (0-based index or line/column) in the rewritten text back to the file.
function positionMapper(text, shifts) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const lineOf = (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Lines before line n lost shifts[0..n-1] characters in all.
  const lost = [0];
  for (const shift of shifts) lost.push(lost.at(-1) + shift);
  const column = (line, col) => col + (shifts[line] || 0);
  const index = (i) => {
    const line = lineOf(i);
    return i + lost[line] + shifts[line];
  };
  return { column, index };
}

function mapMessage(message, map) {
  const mapped = { ...message };
  if (typeof message.column === "number") mapped.column = map.column(message.line - 1, message.column - 1) + 1;
  if (typeof message.index === "number") mapped.index = map.index(message.index);
  if (Array.isArray(message.range)) mapped.range = message.range.map(map.index);
  if (message.loc) {
    const point = (p) => ({ line: p.line, column: map.column(p.line - 1, p.column) });
    mapped.loc = { start: point(message.loc.start), end: point(message.loc.end) };
  }
  if (message.fix) mapped.fix = { ...message.fix, range: message.fix.range.map(map.index) };
  return mapped;
}

class KbMarkdownProcessor {
  constructor(config = {}) {
    this.config = config;
    this.rewritten = new Map();
  }
  availableExtensions() {
    return [".md"];
  }
  processor() {
    const rewritten = this.rewritten;
    return {
      preProcess(text, filePath) {
        const result = toCommonMarkWithShifts(text);
        rewritten.set(filePath, result);
        // Rules read the rewritten text, so --fix would write it back: fixes are not applied through this processor.
        return { text: result.text, ast: parse(result.text) };
      },
      postProcess(messages, filePath) {
        const result = rewritten.get(filePath);
        const map = result && positionMapper(result.text, result.shifts);
        return { messages: map ? messages.map((m) => mapMessage(m, map)) : messages, filePath: filePath || "<markdown>" };
      },
    };
  }
}

module.exports = { Processor: KbMarkdownProcessor, toCommonMark, toCommonMarkWithShifts, positionMapper, mapMessage };
