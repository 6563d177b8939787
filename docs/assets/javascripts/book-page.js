// What the finder and the self-test share: the site root, elements built from text (never from
// HTML), prose as plain words, and starting once the page is ready. No network, no libraries.
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
  // undefined are left out, so optional parts can be written inline.
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] === null || attributes[name] === undefined) return;
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // `[[entity-id|text]]` links and light Markdown in prose become plain words.
  function plainText(text, entities) {
    return String(text || "")
      .replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, function (_, id, words) {
        return words || (entities[id] ? entities[id].title : id);
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

  return { siteRoot: siteRoot, el: el, plainText: plainText, mount: mount };
})();
