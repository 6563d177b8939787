// Draws diagrams in the reader's browser — only on a build that could not draw them itself (no
// browser engine on the machine, e.g. a fresh `make serve`; see overrides/hooks/generate_pages.py).
// Published builds draw every diagram when the book is built and never load this file or mermaid.
//
// Loaded deferred, it fetches the vendored mermaid only when a diagram comes near the screen (or
// before printing), so it never holds up the page. Same settings as the build (macros/diagrams.py).
(function () {
  "use strict";

  var SELF = "assets/javascripts/diagrams.js";
  var MERMAID = "assets/vendor/mermaid/mermaid.min.js";
  var CONFIG = {
    startOnLoad: false, securityLevel: "strict", htmlLabels: false, flowchart: { htmlLabels: false },
    fontFamily: 'Arial, "Liberation Sans", Arimo, Helvetica, sans-serif', theme: "default"
  };
  var script = document.currentScript;
  var root = script && script.src.lastIndexOf(SELF) >= 0
    ? script.src.slice(0, script.src.lastIndexOf(SELF)) : new URL("../", window.location.href).href;
  var loading = null;
  var count = 0;

  function mermaidLoaded() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = root + MERMAID;
        tag.onload = function () { window.mermaid.initialize(CONFIG); resolve(window.mermaid); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function draw(block) {
    if (block.dataset.drawing) return Promise.resolve();
    block.dataset.drawing = "yes";
    return mermaidLoaded().then(function (mermaid) {
      return mermaid.render("diagram-in-browser-" + count++, block.textContent);
    }).then(function (result) {
      var holder = document.createElement("div");
      holder.innerHTML = result.svg;
      var svg = holder.querySelector("svg");
      // The book's stylesheet colours the drawing (light, dark, print), as when drawn at build time.
      Array.prototype.forEach.call(svg.querySelectorAll("style"), function (style) { style.remove(); });
      block.replaceWith(svg);
    });
  }

  function start() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.stc-diagram-source"));
    if (!blocks.length) return;
    if (!("IntersectionObserver" in window)) { blocks.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "400px" });
    blocks.forEach(function (block) { observer.observe(block); });
    window.addEventListener("beforeprint", function () { blocks.forEach(draw); });
  }

  start();
})();
