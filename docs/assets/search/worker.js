/* Search worker: answers Material's search UI from this language's Pagefind index.
 *
 * Material runs its search in a web worker and talks to it with four messages
 * (0 SETUP with the settings from search/search_index.json, 1 READY, 2 QUERY
 * with the typed text, 3 RESULT with the result list); `__config.search` names
 * this file instead of Material's lunr worker (overrides/main.html). Pagefind's
 * index is per `<html lang>`, so a query on /zh/ finds only Chinese pages, and
 * only the engine and one index chunk are fetched with a page; the rest comes with queries.
 * Pagefind escapes its excerpts; titles are escaped here (Material inserts both as HTML).
 *
 * A query is normalised (NFKC: ＦＡＸ → fax), expanded with the synonym groups
 * of data/search-synonyms.yml (苦情 → クレーム, 客诉 → 投诉) and, when every word
 * together finds little, searched word by word so a question still finds pages.
 */
"use strict";

const LANGUAGE = new URL(self.location.href).searchParams.get("lang") || "ja";
const BUNDLE = new URL("../../pagefind/", self.location.href).href;
const MAX_PAGES = 10;
const CANDIDATES = 8;
// Up to this many pages per language, every fragment is fetched with the engine (about 6 KB each; the first-visit
// budget of tests/quality/test_page_weight.py has room for about 20).
const PREFETCH_PAGES = 20;
const TITLE_WEIGHT = 1;
const HEADING_WEIGHT = 0.5;
const PRELOAD = { ja: "電話", zh: "电话" };
// Words of a Chinese question that say nothing about the topic (怎么拒绝客户 → 拒绝 客户; 怎么办 is split as 怎么 + 办).
const ZH_FUNCTION_WORDS = new Set(("的 了 吗 呢 吧 啊 么 是 在 和 与 或 把 被 给 我 我们 你 您 请问 "
  + "怎么 怎么办 办 咋 咋办 怎样 如何 什么 可以 能 能不能 要 该 应该 哪些").split(" "));
const SEGMENTER = new Intl.Segmenter(LANGUAGE, { granularity: "word" });
const MAX_VARIANTS = 8;

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
      // Fetch the index chunk a first query most likely needs (on a small site, the whole index).
      await pagefind.preload(PRELOAD[LANGUAGE] || "a");
      // On a site this size, fetch every page's fragment (its text, for titles and excerpts) now, while the
      // person is still reading, so a result list needs no further requests; a larger site fetches them per query.
      const every = await pagefind.search(null);
      if (every.results.length <= PREFETCH_PAGES) Promise.all(every.results.map((result) => result.data())).catch(() => {});
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

/* Content words of a query (particles, kana endings and question words dropped), as Pagefind is asked. */
function words(query) {
  const kept = [];
  for (const { segment, isWordLike } of SEGMENTER.segment(query)) {
    if (!isWordLike) continue;
    if (LANGUAGE === "ja" && /^[\p{Script=Hiragana}ー]+$/u.test(segment)) continue; // particles, endings, どうすれば
    if (LANGUAGE === "zh" && ZH_FUNCTION_WORDS.has(segment)) continue;
    kept.push(segment);
  }
  return [...new Set(kept)];
}

async function scored(pagefind, text, weight, into, searched = new Map()) {
  // Search the content words only: particles would make Pagefind favour long pages that contain them all.
  const terms = words(text).join(" ") || text;
  if (!searched.has(terms)) searched.set(terms, pagefind.search(terms));
  const search = await searched.get(terms);
  for (const result of search?.results || []) {
    const entry = into.get(result.id) || { result, score: 0, found: new Set() };
    entry.score = Math.max(entry.score, result.score * weight);
    for (const word of words(text)) entry.found.add(word);
    into.set(result.id, entry);
  }
}

/* Pages whose words match; when every word together finds little, each content word scores on its own. */
async function candidates(pagefind, texts, query) {
  const pages = new Map();
  const searched = new Map(); // variants that come down to the same words are searched once
  await Promise.all(texts.map((text, index) => scored(pagefind, text, index ? 0.9 : 1, pages, searched)));
  const parts = words(query);
  if (pages.size >= 3 || parts.length < 2) return pages;
  const partial = new Map();
  await Promise.all(parts.map(async (part) => {
    const one = new Map();
    await Promise.all(variants(part).map((text) => scored(pagefind, text, 1, one, searched)));
    for (const [id, { result, score, found }] of one) {
      const entry = partial.get(id) || { result, score: 0, hits: 0, found: new Set() };
      entry.score += score;
      entry.hits += 1;
      for (const word of found) entry.found.add(word);
      partial.set(id, entry);
    }
  }));
  for (const [id, entry] of partial) {
    if (!pages.has(id)) {
      pages.set(id, { result: entry.result, score: 0.5 * entry.score * entry.hits / parts.length, found: entry.found });
    }
  }
  return pages;
}

/* How much of a query (or one of its variants) a title says: all of it 1, otherwise the share of its words. */
function coverage(title, texts) {
  let best = 0;
  for (const [index, text] of texts.entries()) {
    const weight = index ? 0.9 : 1;
    if (title.includes(text)) return weight;
    const parts = words(text);
    if (!parts.length) continue;
    best = Math.max(best, weight * parts.filter((part) => title.includes(part)).length / parts.length);
  }
  return best;
}

/* Rank: Pagefind's score (as a share of the best one), plus how much of the query the page title and
 * its best heading say. A page titled with what was asked comes first even when a longer page uses
 * the words more often (Pagefind's scores of the candidates differ by ten times or more). */
async function find(pagefind, query) {
  const texts = variants(query);
  const pages = [...(await candidates(pagefind, texts, query)).values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, CANDIDATES);
  await Promise.all(pages.map(async (entry) => { entry.data = await entry.result.data(); }));
  const best = Math.max(...pages.map((entry) => entry.score)) || 1;
  for (const entry of pages) {
    const title = normalize(entry.data.meta?.title || "");
    const headings = (entry.data.sub_results || []).map((sub) => coverage(normalize(sub.title || ""), texts));
    const boost = Number(entry.data.meta?.boost) || 1; // front matter `search: boost:`
    entry.score = boost * (entry.score / best + TITLE_WEIGHT * coverage(title, texts) + HEADING_WEIGHT * Math.max(0, ...headings));
  }
  return pages.sort((a, b) => b.score - a.score).slice(0, MAX_PAGES);
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

/* One Material result group: the page first, then its matching sections (best one first).
 * `terms` become the page link's ?h= (search.highlight): the words that found it, synonyms included. */
function item({ data, score, found }) {
  const terms = marked(data.excerpt, Object.fromEntries([...found].map((word) => [word, true])));
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
  const items = pages.map(item);
  return { items, total: items.length };
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === 0) {
    const all = message.data.config.synonyms || {};
    synonyms = (all[LANGUAGE] || []).map((group) => group.map(normalize));
    self.postMessage({ type: 1 });
    load(); // fetch the engine now (about 0.15 MB, cached by the browser), so typing gets answers at once
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
