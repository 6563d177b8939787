// The differential finder: choose what you see, get the entities ranked by matching and conflicting
// facets. Reads window.STC_BOOK (the entities) and window.STC_FINDER (the questions, their URL
// parameters and the words for each value), both from assets/javascripts/book-data.js, which the
// build writes from data/ and macros/finder.py, and uses the helpers of book-page.js; no network,
// no libraries.
// The choices live in the query string (?kind=…&site=…), documented on docs/finder.md.
(function () {
  "use strict";

  var SCRIPT_PATH = "assets/javascripts/finder.js";
  var MAX_RESULTS = 15;
  var script = document.currentScript;
  var page = window.STC_PAGE;
  var el = page.el, plainText = page.plainText;

  function words(group, value) {
    return group.words[value] || String(value).replace(/-/g, " ");
  }

  // Each question of the form, from its parameter: how to read an entity's value(s) and how to
  // say that they match or conflict.
  function groupFor(parameter) {
    var group = { name: parameter.name, legend: parameter.question, noun: parameter.noun,
                  options: parameter.values, labels: parameter.labels, words: parameter.words };
    var say = function (v) { return words(group, v); };
    if (parameter.reads === "category") {
      group.values = function (e) {
        return e.category === "both" ? ["calcification", "ossification"] : [e.category];
      };
      group.recorded = function () { return true; };
      group.matchWords = function (v) { return v; };
      group.conflictWords = function (e) { return "it is " + e.category; };
    } else if (parameter.reads === "serum") {
      var level = function (e) { return e.facets && e.facets.serum ? e.facets.serum[parameter.field] : null; };
      // "variable" serum levels are neither a match nor a conflict.
      group.values = function (e) { var v = level(e); return v && v !== "variable" ? [v] : []; };
      group.recorded = function (e) { return level(e) !== null; };
      group.neutral = function (e) { return level(e) === "variable"; };
      group.matchWords = function (v) { return say(v) + " " + group.noun; };
      group.conflictWords = function (e) { return group.noun + " is " + say(level(e)); };
    } else {
      group.values = function (e) { return (e.facets && e.facets[parameter.field]) || []; };
      group.recorded = function (e) { return group.values(e).length > 0; };
      group.matchWords = function (v) { return group.noun + " " + say(v); };
      group.conflictWords = function (e) { return group.noun + " is " + group.values(e).map(say).join(", "); };
      if (!parameter.conflicts_when_absent) {
        // Not listing a finding is silence, not a conflict: such an entity just gains no match.
        group.recorded = function () { return true; };
        group.silent = function (e, chosen) { return group.values(e).indexOf(chosen) < 0; };
      }
    }
    return group;
  }

  var GROUPS = [];

  function score(entity, choices) {
    var result = { matches: [], conflicts: [], unknown: [], variable: [], specificity: 0 };
    GROUPS.forEach(function (group) {
      var chosen = choices[group.name];
      if (!chosen) return;
      if (!group.recorded(entity)) { result.unknown.push(group.noun); return; }
      if (group.neutral && group.neutral(entity)) {
        result.variable.push(group.noun);
        return;
      }
      if (group.silent && group.silent(entity, chosen)) return;
      var values = group.values(entity);
      if (values.indexOf(chosen) >= 0) {
        result.matches.push(group.matchWords(chosen));
        result.specificity += 1 / values.length;
      } else {
        result.conflicts.push(group.conflictWords(entity));
      }
    });
    result.net = result.matches.length - result.conflicts.length;
    return result;
  }

  function rank(entities, choices) {
    var anything = Object.keys(choices).length > 0;
    var ranked = Object.keys(entities).map(function (id) {
      var s = score(entities[id], choices);
      s.id = id;
      s.entity = entities[id];
      return s;
    }).filter(function (s) { return !anything || s.matches.length > 0; });
    ranked.sort(function (a, b) {
      if (b.net !== a.net) return b.net - a.net;
      if (a.conflicts.length !== b.conflicts.length) return a.conflicts.length - b.conflicts.length;
      // Ties: a match on a facet with one value ("muscle") says more than one among four; and a
      // condition comes before its named variants (myositis ossificans before Rider's bone).
      if (Math.abs(b.specificity - a.specificity) > 1e-9) return b.specificity - a.specificity;
      var av = a.entity.kind === "variant", bv = b.entity.kind === "variant";
      if (av !== bv) return av ? 1 : -1;
      return a.entity.title.localeCompare(b.entity.title);
    });
    return ranked;
  }

  function readChoices(search) {
    var params = new URLSearchParams(search);
    var choices = {};
    GROUPS.forEach(function (group) {
      var value = params.get(group.name);
      if (value && group.options.indexOf(value) >= 0) choices[group.name] = value;
    });
    return choices;
  }

  function writeChoices(choices) {
    var params = new URLSearchParams(window.location.search);
    GROUPS.forEach(function (group) {
      if (choices[group.name]) params.set(group.name, choices[group.name]);
      else params.delete(group.name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (error) {
      // Some browsers refuse history changes for file:// pages; the finder still works.
    }
  }

  function start(container) {
    var book = window.STC_BOOK;
    var settings = window.STC_FINDER;
    if (!book || !book.entities || !settings || !settings.parameters) {
      container.appendChild(el("p", { text: "The finder could not load the book's data." }));
      return;
    }
    GROUPS = settings.parameters.map(groupFor);
    var entities = book.entities;
    var pages = book.pages || {};
    var root = page.siteRoot(script, SCRIPT_PATH);
    var choices = readChoices(window.location.search);

    var form = el("form", { "class": "stc-finder__form", "aria-label": "What you see" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    GROUPS.forEach(function (group) {
      var wide = group.options.length > 8 ? " stc-finder__group--wide" : "";
      var fieldset = el("fieldset", { "class": "stc-finder__group" + wide },
                        [el("legend", { text: group.legend })]);
      var choiceList = el("div", { "class": "stc-choices" });
      [""].concat(group.options).forEach(function (value) {
        var id = "stc-finder-" + group.name + "-" + (value || "any");
        var input = el("input", { type: "radio", name: group.name, id: id, value: value });
        input.checked = (choices[group.name] || "") === value;
        choiceList.appendChild(el("label", { "class": "stc-choice", "for": id },
                            [input, el("span", { text: value ? group.labels[value] || words(group, value) : "any" })]));
      });
      fieldset.appendChild(choiceList);
      form.appendChild(fieldset);
    });
    var clear = el("button", { type: "button", "class": "md-button stc-button", text: "Clear" });
    form.appendChild(el("div", { "class": "stc-actions" }, [clear]));

    // The count is the live part of the results region: a screen reader hears "12 candidates"
    // after each choice rather than all fifteen results read out again.
    var count = el("p", { "class": "stc-finder__count", id: "stc-finder-count", role: "status",
                          "aria-live": "polite" });
    var list = el("ol", { "class": "stc-finder__list" });
    var results = el("section", { "class": "stc-finder__results", "aria-labelledby": "stc-finder-count" },
                     [count, list]);
    container.appendChild(form);
    container.appendChild(results);

    function render() {
      var anything = Object.keys(choices).length > 0;
      var ranked = rank(entities, choices);
      var shown = ranked.slice(0, MAX_RESULTS);
      var words = ranked.length === 1 ? "1 candidate" : ranked.length + " candidates";
      if (!anything) words += " — choose what you see to rank them";
      if (ranked.length > shown.length) words += "; showing the top " + shown.length;
      count.textContent = words + ".";
      list.textContent = "";
      shown.forEach(function (s) {
        var href = root + (pages[s.id] || "");
        var item = el("li", { "class": "stc-finder__result", "data-entity": s.id }, [
          el("p", { "class": "stc-finder__title" }, [
            el("a", { href: href, text: s.entity.title }),
            el("span", { "class": "stc-badge stc-badge--" + s.entity.category, text: s.entity.category })
          ]),
          el("p", { "class": "stc-finder__summary", text: plainText(s.entity.summary, entities) })
        ]);
        if (anything) {
          item.appendChild(el("p", { "class": "stc-finder__matches",
            text: "Matches: " + (s.matches.length ? s.matches.join("; ") : "none") + "." }));
          item.appendChild(el("p", { "class": "stc-finder__conflicts",
            text: "Conflicts: " + (s.conflicts.length ? s.conflicts.join("; ") : "none") + "." }));
          if (s.unknown.length) {
            item.appendChild(el("p", { "class": "stc-finder__unknown",
              text: "Not recorded: " + s.unknown.join("; ") + "." }));
          }
          if (s.variable.length) {
            item.appendChild(el("p", { "class": "stc-finder__unknown",
              text: "Variable: " + s.variable.join("; ") + "." }));
          }
        }
        list.appendChild(item);
      });
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || input.type !== "radio") return;
      if (input.value) choices[input.name] = input.value;
      else delete choices[input.name];
      writeChoices(choices);
      render();
    });
    clear.addEventListener("click", function () {
      choices = {};
      form.querySelectorAll("input[type=radio]").forEach(function (input) {
        input.checked = input.value === "";
      });
      writeChoices(choices);
      render();
    });

    render();
  }

  page.mount("stc-finder", start);
})();
