// What the finder and the self-test share: the site root, elements built from text (never from
// HTML), the book's data as maps without a prototype, prose as plain words, and starting once the
// page is ready. No network, no libraries.
window.STC_PAGE = (function () {
  "use strict";

  // The site root, from a script's own address (`script` is its document.currentScript):
  // works online (directory URLs) and from file://.
  function siteRoot(script, scriptPath) {
    var src = script && script.src ? script.src : "";
    var at = src.lastIndexOf(scriptPath);
    return at >= 0 ? src.slice(0, at) : new URL("../", window.location.href).href;
  }

  // An element with attributes ("text" sets its text) and children (nodes or strings); null and
  // undefined are left out, so optional parts can be written inline. No `title`: Material's tooltips
  // (content.tooltips) write an element's title into the page as HTML, so a title made from the
  // data would be markup, not text.
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] === null || attributes[name] === undefined) return;
      if (name.toLowerCase() === "title") throw new Error("el: no title attribute (shown as HTML)");
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // A map for ids: it has no prototype, so an id such as "constructor" (which every object has) is
  // not found unless the map holds it.
  function dict() {
    return Object.create(null);
  }

  // The book's data (window.STC_FINDER, window.STC_QUIZ) with each object made a `dict`: looking up an
  // entity, a list or a page by id finds the book's own record or nothing.
  function bookData(value) {
    if (Array.isArray(value)) return value.map(bookData);
    if (value === null || typeof value !== "object") return value;
    var copy = dict();
    Object.keys(value).forEach(function (key) { copy[key] = bookData(value[key]); });
    return copy;
  }

  // `[[entity-id|text]]` links and light Markdown in prose become plain words.
  function plainText(text, entities) {
    return String(text || "")
      .replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, function (_, id, words) {
        return words || (Object.prototype.hasOwnProperty.call(entities, id) ? entities[id].title : id);
      })
      .replace(/\*\*|__|`/g, "")
      .replace(/(^|[\s(])[*_]([^*_]+)[*_]/g, "$1$2");
  }

  // Calls start(container) once, when the element with this id exists and the page is ready.
  function mount(containerId, start) {
    function init() {
      var container = document.getElementById(containerId);
      if (container && !container.hasAttribute("data-ready")) {
        container.setAttribute("data-ready", "");
        start(container);
      }
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  return { siteRoot: siteRoot, el: el, dict: dict, bookData: bookData, plainText: plainText, mount: mount };
})();
