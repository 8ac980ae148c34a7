// A space between two CJK characters that hides next to emphasis markers: `**聴く。** さえぎらず`, `客户 **注意**`,
// or after full-width punctuation and a marker: `**絞る。** 3社`.
// CJK text has no spaces between words, so the built page shows a stray gap; neither textlint (it sees the text
// of each node apart) nor AutoCorrect (it keeps spaces next to markup) report it. Used by textlint.js (as a rule)
// and autocorrect.js.
"use strict";

const CJK = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff60“”‘’]`;
const PUNCTUATION = String.raw`[\u3000-\u303f\uff01-\uff60“”‘’]`; // full-width: no space after it, whatever follows
const MARK = String.raw`(?:\*{1,2}|_{1,2})`;
const STRAY = new RegExp(
  String.raw`(?<=${CJK}${MARK})[ \t]+(?=${MARK}?${CJK})|(?<=${CJK})[ \t]+(?=${MARK}${CJK})|(?<=${PUNCTUATION}${MARK})[ \t]+(?=\S)`,
  "gu",
);
const FENCE = /^\s*(`{3,}|~{3,})/;

// [{ index, length }] of each stray space in `text` (Markdown), outside code.
function straySpaces(text) {
  const found = [];
  let offset = 0;
  let fence = null;
  for (const line of text.split("\n")) {
    const marker = FENCE.exec(line);
    if (fence) {
      if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length) fence = null;
    } else if (marker) {
      fence = marker[1];
    } else {
      const code = line.replace(/`[^`]*`/g, (span) => "\0".repeat(span.length)); // inline code
      for (const match of code.matchAll(STRAY)) found.push({ index: offset + match.index, length: match[0].length });
    }
    offset += line.length + 1;
  }
  return found;
}

const MESSAGE = "No space between CJK characters next to ** or *: it shows as a stray gap in the page.";

// The same check as a textlint rule, so that `<!-- textlint-disable -->` works as for any other rule.
function textlintRule(context) {
  const { Syntax, RuleError, report, getSource } = context;
  return {
    [Syntax.Document](node) {
      for (const { index } of straySpaces(getSource(node))) report(node, new RuleError(MESSAGE, { index }));
    },
  };
}

module.exports = { straySpaces, textlintRule, MESSAGE };
