/* Search worker: answers Material's search UI from this language's Pagefind index.
 *
 * Material runs its search in a web worker and talks to it with four messages
 * (0 SETUP with the settings from search/search_index.json, 1 READY, 2 QUERY
 * with the typed text, 3 RESULT with the result list); `__config.search` names
 * this file instead of Material's lunr worker (overrides/main.html). Pagefind's
 * index is per `<html lang>`, so a query on /zh/ finds only Chinese pages, and
 * only the engine is fetched with a page; index chunks come with the first query.
 *
 * A query is normalised (NFKC: ＦＡＸ → fax), expanded with the synonym groups
 * of data/search-synonyms.yml (苦情 → クレーム, 客诉 → 投诉) and, when every word
 * together finds little, searched word by word so a question still finds pages.
 */
"use strict";

const LANGUAGE = new URL(self.location.href).searchParams.get("lang") || "ja";
const BUNDLE = new URL("../../pagefind/", self.location.href).href;
const MAX_PAGES = 10;
const MAX_VARIANTS = 12;

// pagefind.js picks its index from <html lang>; a worker has no document, so tell it the page's language.
self.document = { querySelector: () => ({ getAttribute: () => LANGUAGE }) };

let synonyms = [];
let engine = null;
let latest = 0;

function load() {
  if (!engine) {
    engine = import(BUNDLE + "pagefind.js").then(async (pagefind) => {
      await pagefind.options({ basePath: BUNDLE, excerptLength: 40 });
      await pagefind.init();
      return pagefind;
    });
  }
  return engine;
}

function normalize(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[?？!！。、,，.．「」『』"'()（）]+/g, " ").trim();
}

/* The query and its synonym variants: each group found in the query is swapped for its other terms. */
function variants(query) {
  let found = [query];
  for (const group of synonyms) {
    const present = group.filter((term) => query.includes(term)).sort((a, b) => b.length - a.length)[0];
    if (!present) continue;
    const next = [];
    for (const text of found) {
      for (const term of group) next.push(text.split(present).join(term));
    }
    found = [...new Set(next)].slice(0, MAX_VARIANTS);
  }
  // The original wording first: it scores highest when pages use the words staff typed.
  return [query, ...found.filter((text) => text !== query)];
}

/* Content words of a query, for the word-by-word fallback (particles and kana endings dropped). */
function words(query) {
  const segmenter = new Intl.Segmenter(LANGUAGE, { granularity: "word" });
  const kept = [];
  for (const { segment, isWordLike } of segmenter.segment(query)) {
    if (!isWordLike) continue;
    if (/^[\p{Script=Hiragana}ー]{1,2}$/u.test(segment)) continue;
    if (LANGUAGE === "zh" && /^[的了吗呢吧么是在和与或把被给]$/u.test(segment)) continue;
    kept.push(segment);
  }
  return [...new Set(kept)];
}

async function scored(pagefind, text, weight, into) {
  const search = await pagefind.search(text);
  for (const result of search?.results || []) {
    const entry = into.get(result.id) || { result, score: 0 };
    entry.score = Math.max(entry.score, result.score * weight);
    into.set(result.id, entry);
  }
}

async function find(pagefind, query) {
  const pages = new Map();
  const texts = variants(query);
  for (const [index, text] of texts.entries()) await scored(pagefind, text, index ? 0.9 : 1, pages);
  if (pages.size < 3) {
    // Every word together found little: score each content word (and its synonyms) on its own.
    const parts = words(query);
    if (parts.length > 1) {
      const partial = new Map();
      for (const part of parts) {
        const one = new Map();
        for (const text of variants(part)) await scored(pagefind, text, 1, one);
        for (const [id, { result, score }] of one) {
          const entry = partial.get(id) || { result, score: 0, hits: 0 };
          entry.score += score;
          entry.hits += 1;
          partial.set(id, entry);
        }
      }
      for (const [id, entry] of partial) {
        if (pages.has(id)) continue;
        pages.set(id, { result: entry.result, score: 0.5 * entry.score * entry.hits / parts.length });
      }
    }
  }
  return [...pages.values()].sort((a, b) => b.score - a.score).slice(0, MAX_PAGES);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function marked(excerpt, into) {
  for (const match of (excerpt || "").matchAll(/<mark>(.*?)<\/mark>/g)) into[match[1]] = true;
  return into;
}

function relative(url) {
  return url.replace(/^\//, "");
}

/* One Material result group: the page first, then its matching sections (best one first). */
async function item({ result, score }) {
  const data = await result.data();
  const terms = marked(data.excerpt, {});
  // Sections of the page: every heading but the title (the page itself).
  const sections = (data.sub_results || []).filter((sub) => sub.url.includes("#") && sub.anchor?.element !== "h1");
  const most = Math.max(1, ...sections.map((sub) => (sub.locations || []).length));
  const page = {
    location: relative(data.url),
    title: escapeHtml(data.meta?.title || data.url),
    text: data.excerpt || "",
    score,
    terms,
  };
  const parts = sections.map((sub) => ({
    location: relative(sub.url),
    title: escapeHtml(sub.title),
    text: sub.excerpt || "",
    score: score * (sub.locations || []).length / most,
    terms: marked(sub.excerpt, { ...terms }),
  }));
  const documents = [page, ...parts.sort((a, b) => b.score - a.score)];
  return documents;
}

async function answer(query, ticket) {
  const text = normalize(query);
  if (!text) return { items: [], total: 0 };
  const pagefind = await load();
  const pages = await find(pagefind, text);
  if (ticket !== latest) return null;
  const items = await Promise.all(pages.map(item));
  return { items, total: items.length };
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === 0) {
    const all = message.data.config.synonyms || {};
    synonyms = (all[LANGUAGE] || []).map((group) => group.map(normalize));
    self.postMessage({ type: 1 });
    load(); // fetch the engine now (about 0.1 MB, cached), so the first query only loads index chunks
  } else if (message.type === 2) {
    const ticket = ++latest;
    try {
      const data = await answer(message.data, ticket);
      if (data && ticket === latest) self.postMessage({ type: 3, data });
    } catch (error) {
      console.error("search failed:", error);
      if (ticket === latest) self.postMessage({ type: 3, data: { items: [], total: 0 } });
    }
  }
});
