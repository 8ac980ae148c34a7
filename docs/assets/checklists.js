/* Checklists (hooks/kb/templates/checklist.html): keep ticks in this browser,
   show progress, reset, print one checklist. The HTML works without this file.
   Ticks are stored per checklist id and item id, not per language or position,
   so the Japanese and Chinese pages share them and reordering items is safe. */
(function () {
  "use strict";

  var PREFIX = "kb-checklist:";
  var store = null;
  try {
    store = window.localStorage;
    store.setItem(PREFIX + "probe", "1");
    store.removeItem(PREFIX + "probe");
  } catch (error) {
    store = null; /* storage blocked: checklists still work, ticks are not kept */
  }

  function key(list, box) {
    return PREFIX + list.getAttribute("data-checklist") + ":" + box.getAttribute("data-item");
  }

  function boxes(list) {
    return list.querySelectorAll("input[type=checkbox][data-item]");
  }

  function showProgress(list) {
    var done = 0, all = boxes(list);
    for (var i = 0; i < all.length; i++) if (all[i].checked) done++;
    var out = list.querySelector("[data-kb-done]");
    if (out) out.textContent = String(done);
  }

  function restore(list) {
    var all = boxes(list);
    for (var i = 0; i < all.length; i++) all[i].checked = !!store && store.getItem(key(list, all[i])) === "1";
    showProgress(list);
  }

  function reset(list) {
    var prefix = PREFIX + list.getAttribute("data-checklist") + ":";
    if (store) {
      /* Also forget items removed from the data since they were ticked. Collect the
         names first: removing a key can reorder the others. */
      var names = [];
      for (var i = 0; i < store.length; i++) {
        var name = store.key(i);
        if (name && name.indexOf(prefix) === 0) names.push(name);
      }
      names.forEach(function (name) { store.removeItem(name); });
    }
    restore(list);
  }

  function printOnly(list) {
    var root = document.documentElement;
    root.setAttribute("data-kb-print", "");
    list.classList.add("kb-checklist--print");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      root.removeAttribute("data-kb-print");
      list.classList.remove("kb-checklist--print");
    });
    window.print();
  }

  function setUp(list) {
    if (list.hasAttribute("data-kb-ready")) return;
    list.setAttribute("data-kb-ready", "");
    list.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("input[type=checkbox][data-item]")) return;
      if (store) {
        if (box.checked) store.setItem(key(list, box), "1");
        else store.removeItem(key(list, box));
      }
      showProgress(list);
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button");
      if (!button || !list.contains(button)) return;
      if (button.hasAttribute("data-kb-reset")) reset(list);
      if (button.hasAttribute("data-kb-print")) printOnly(list);
    });
    var tools = list.querySelector(".kb-checklist__tools");
    if (tools) tools.hidden = false;
    restore(list);
  }

  function setUpAll() {
    var lists = document.querySelectorAll(".kb-checklist[data-checklist]");
    for (var i = 0; i < lists.length; i++) setUp(lists[i]);
  }

  function refreshAll() {
    var lists = document.querySelectorAll(".kb-checklist[data-kb-ready]");
    for (var i = 0; i < lists.length; i++) restore(lists[i]);
  }

  /* Material's document$ also fires after instant navigation, should it be turned on. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  /* Ticks changed in another tab, or this page came back from the back/forward cache. */
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(PREFIX) === 0) refreshAll();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) refreshAll();
  });
})();
