// The differential finder: choose what you see, get the entities ranked by matching and conflicting
// facets. The page already holds the form, the summary and the place of the results (drawn by the
// build from macros/finder.py: nothing moves when this starts); this script scores the entities with
// window.STC_FINDER (the questions, the words for each value, each entity's facets and page), from
// assets/javascripts/finder-data.js, and uses the helpers of book-page.js; no network, no libraries.
// The choices live in the query string (?kind=…&site=…), documented on docs/finder.md.
(function () {
  "use strict";

  var SCRIPT_PATH = "assets/javascripts/finder.js";
  var MAX_RESULTS = 15;
  var TOP_IN_SUMMARY = 3;
  var script = document.currentScript;
  var page = window.STC_PAGE;
  var el = page.el, plainText = page.plainText;

  function words(group, value) {
    return group.words[value] || String(value).replace(/-/g, " ");
  }

  // Each question of the form, from its parameter: how to read an entity's value(s) and how to
  // say that they match or conflict.
  function groupFor(parameter) {
    var group = { name: parameter.name, noun: parameter.noun, options: parameter.values,
                  words: parameter.words };
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
  var WEIGHTS = page.dict();
  var PREVALENCE_ORDER = ["common", "uncommon", "rare"];
  var DIGITS = 1e4;

  // The same scoring as macros/finder.py `score` (tests run both on the same cases): a match adds
  // the weight of the chosen value (1 + ln(N / n), n the entities that have it), a conflict takes
  // it away, so a telling finding counts for more than one half the book shares.
  function score(entity, choices) {
    var result = { matches: [], conflicts: [], unknown: [], variable: [], specificity: 0, fit: 0 };
    GROUPS.forEach(function (group) {
      var chosen = choices[group.name];
      if (!chosen) return;
      var weight = (WEIGHTS[group.name] || page.dict())[chosen];
      if (typeof weight !== "number") weight = 1;
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
        result.fit += weight;
      } else {
        result.conflicts.push(group.conflictWords(entity));
        result.fit -= weight;
      }
    });
    result.fit = Math.round(result.fit * DIGITS) / DIGITS;
    result.specificity = Math.round(result.specificity * DIGITS) / DIGITS;
    return result;
  }

  function prevalenceRank(entity) {
    var level = entity.prevalence ? entity.prevalence.level : null;
    var k = PREVALENCE_ORDER.indexOf(level);
    return k < 0 ? PREVALENCE_ORDER.length : k;
  }

  // The same order as macros/finder.py `rank_key`: best fit; then common before rare; then a match
  // on a narrow facet ("muscle" alone says more than one of four sites); conditions before their
  // named variants (myositis ossificans before Rider's bone); then A to Z.
  function rank(entities, choices) {
    var anything = Object.keys(choices).length > 0;
    var ranked = Object.keys(entities).map(function (id) {
      var s = score(entities[id], choices);
      s.id = id;
      s.entity = entities[id];
      return s;
    }).filter(function (s) { return !anything || s.matches.length > 0; });
    ranked.sort(function (a, b) {
      if (a.fit !== b.fit) return b.fit - a.fit;
      var ap = prevalenceRank(a.entity), bp = prevalenceRank(b.entity);
      if (ap !== bp) return ap - bp;
      if (a.specificity !== b.specificity) return b.specificity - a.specificity;
      var av = a.entity.kind === "variant", bv = b.entity.kind === "variant";
      if (av !== bv) return av ? 1 : -1;
      return a.entity.title < b.entity.title ? -1 : a.entity.title > b.entity.title ? 1 : 0;
    });
    return ranked;
  }

  // "common", "uncommon", "rare", and a flag for a rare entity that must not be missed.
  function prevalenceBadges(entity) {
    var prevalence = entity.prevalence;
    if (!prevalence || !prevalence.level) return [];
    var badges = [el("span", { "class": "stc-badge stc-badge--prevalence stc-badge--" + prevalence.level,
                               text: prevalence.level })];
    // Why it must not be missed is a line of its own under the result, never a title (see el).
    if (prevalence.do_not_miss) {
      badges.push(el("span", { "class": "stc-badge stc-badge--do-not-miss", text: "do not miss" }));
    }
    return badges;
  }

  function readChoices(search) {
    var params = new URLSearchParams(search);
    var choices = page.dict();
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

  // "12 match everything you chose; 30 more match some": what the counts mean, in words.
  function countWords(ranked, chosen) {
    if (!chosen) return ranked.length + " entities — choose what you see to rank them.";
    var all = ranked.filter(function (s) { return s.matches.length === chosen; }).length;
    var some = ranked.length - all;
    var first = all === 0 ? "None matches everything you chose"
      : all === 1 && chosen === 1 ? "1 matches your choice"
      : chosen === 1 ? all + " match your choice"
      : all + (all === 1 ? " matches" : " match") + " everything you chose";
    if (chosen === 1) return first + ".";
    var rest = some === 0 ? "" : "; " + some + (all === 0 ? "" : " more") + (some === 1 ? " matches" : " match") + " some";
    return first + rest + ".";
  }

  function start(container) {
    var settings = page.bookData(window.STC_FINDER);
    var form = container.querySelector("form");
    if (!settings || !settings.parameters || !settings.entities || !form) {
      container.textContent = "";
      container.appendChild(el("p", { text: "The finder could not load the book's data." }));
      return;
    }
    GROUPS = settings.parameters.map(groupFor);
    WEIGHTS = settings.weights || page.dict();
    if (settings.prevalence_order) PREVALENCE_ORDER = settings.prevalence_order;
    var entities = settings.entities;
    var pages = settings.pages || page.dict();
    var root = page.siteRoot(script, SCRIPT_PATH);
    var choices = readChoices(window.location.search);
    var count = container.querySelector(".stc-finder__count");
    var top = container.querySelector(".stc-finder__top");
    var jump = container.querySelector(".stc-finder__jump");
    var list = container.querySelector(".stc-finder__list");
    var clear = container.querySelector(".stc-finder__clear");
    var more = container.querySelector(".stc-finder__more");
    var results = container.querySelector(".stc-finder__results");
    if (jump && results) {
      jump.addEventListener("click", function () {
        results.scrollIntoView({ block: "start" });
        results.focus({ preventScroll: true });  // the keyboard goes on from the results
      });
    }

    function showChoices() {
      form.querySelectorAll("input[type=radio]").forEach(function (input) {
        input.checked = (choices[input.name] || "") === input.value;
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function link(s) {
      return el("a", { href: root + (pages[s.id] || ""), text: s.entity.title });
    }

    function render() {
      var chosen = Object.keys(choices).length;
      var ranked = rank(entities, choices);
      var shown = ranked.slice(0, MAX_RESULTS);
      count.textContent = countWords(ranked, chosen);
      if (more) {
        more.textContent = ranked.length > shown.length
          ? "The first " + shown.length + " of " + ranked.length + " are shown" +
            (chosen ? "; another choice narrows them." : ": choose what you see to rank them.")
          : "";
      }
      // The summary stays in sight while choosing: the first few candidates, then a way to the rest.
      top.textContent = "";
      if (chosen && shown.length) {
        top.appendChild(document.createTextNode("Top: "));
        shown.slice(0, TOP_IN_SUMMARY).forEach(function (s, k) {
          if (k) top.appendChild(document.createTextNode(", "));
          top.appendChild(link(s));
        });
        top.appendChild(document.createTextNode(" "));
      }
      if (jump) top.appendChild(jump);
      list.textContent = "";
      shown.forEach(function (s) {
        var item = el("li", { "class": "stc-finder__result", "data-entity": s.id }, [
          el("p", { "class": "stc-finder__title" }, [
            link(s),
            el("span", { "class": "stc-badge stc-badge--" + s.entity.category, text: s.entity.category })
          ].concat(prevalenceBadges(s.entity))),
          el("p", { "class": "stc-finder__summary", text: plainText(s.entity.summary, entities) })
        ]);
        if (chosen) {
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
        if (s.entity.prevalence && s.entity.prevalence.do_not_miss) {
          item.appendChild(el("p", { "class": "stc-finder__do-not-miss",
            text: "Do not miss: " + s.entity.prevalence.do_not_miss + "." }));
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
      choices = page.dict();
      showChoices();
      writeChoices(choices);
      render();
    });

    showChoices();
    render();
  }

  page.mount("stc-finder", start);
})();
