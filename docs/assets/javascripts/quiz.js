// The self-test: ten questions generated from window.STC_QUIZ (the entities and lists, with the words
// for associated findings and the picture questions, from assets/javascripts/quiz-data.js, which the
// build writes from data/; macros/picture_questions.py makes the picture questions fair),
// with a seeded random generator, so `?seed=N` always gives the same round; without it, a random
// set. The score is kept in this browser only (localStorage "stc-quiz-v1"). Uses the helpers of
// book-page.js; no network, no libraries.
(function () {
  "use strict";

  var SCRIPT_PATH = "assets/javascripts/quiz.js";
  var STORAGE_KEY = "stc-quiz-v1";
  var QUESTIONS = 10;
  var MAX_RANDOM_SEED = 9999;
  var PLAN = ["cause", "cause", "pattern", "picture", "picture", "shape",
              "discriminator", "discriminator", "association", "association"];
  // An associated finding makes a fair question only while few entities share it: the wrong
  // answers must be entities that plainly do not come with it.
  var MAX_SHARING_A_FINDING = 3;
  var script = document.currentScript;
  var page = window.STC_PAGE;
  var el = page.el, plainText = page.plainText, dict = page.dict;

  // mulberry32: a small, fast PRNG; the same seed always gives the same sequence.
  function prng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(items, random) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  }

  // Score in localStorage, which may be missing or refused (file:// in some browsers, private modes).
  var store = (function () {
    var storage = null;
    try {
      storage = window.localStorage;
      storage.setItem(STORAGE_KEY + "-probe", "1");
      storage.removeItem(STORAGE_KEY + "-probe");
    } catch (error) {
      storage = null;
    }
    var memory = { correct: 0, answered: 0 };
    return {
      available: storage !== null,
      load: function () {
        if (!storage) return memory;
        try {
          var saved = JSON.parse(storage.getItem(STORAGE_KEY) || "null");
          if (saved && saved.correct >= 0 && saved.answered >= saved.correct) {
            return { correct: Math.floor(saved.correct), answered: Math.floor(saved.answered) };
          }
        } catch (error) { /* a damaged entry counts as no score */ }
        return { correct: 0, answered: 0 };
      },
      save: function (score) {
        memory = score;
        if (!storage) return;
        try { storage.setItem(STORAGE_KEY, JSON.stringify(score)); } catch (error) { /* full */ }
      },
      reset: function () {
        memory = { correct: 0, answered: 0 };
        if (!storage) return;
        try { storage.removeItem(STORAGE_KEY); } catch (error) { /* refused */ }
      }
    };
  })();

  // The set in the address (a shared link reproduces it); without one, a set chosen at random, so
  // the self-test does not open on the same ten questions every time.
  function readSeed() {
    var value = new URLSearchParams(window.location.search).get("seed");
    var seed = value && /^\d{1,9}$/.test(value) ? parseInt(value, 10) : NaN;
    return seed > 0 ? seed : null;
  }

  function randomSeed() {
    return 1 + Math.floor(Math.random() * MAX_RANDOM_SEED);
  }

  function writeSeed(seed) {
    var params = new URLSearchParams(window.location.search);
    params.set("seed", String(seed));
    try {
      window.history.replaceState(window.history.state, "",
                                  window.location.pathname + "?" + params.toString() + window.location.hash);
    } catch (error) { /* some browsers refuse history changes for file:// pages */ }
  }

  // ---- Question generation ------------------------------------------------------------------

  function listEntities(differentials, id, seen) {
    // Every entity a list names, directly or through its nested lists.
    seen = seen || dict();
    if (seen[id] || !differentials[id]) return [];
    seen[id] = true;
    var list = differentials[id];
    var items = (list.items || []).slice();
    (list.groups || []).forEach(function (group) { items = items.concat(group.items || []); });
    var found = [];
    items.forEach(function (item) {
      if (item.entity) found.push(item.entity);
      if (item.differential) found = found.concat(listEntities(differentials, item.differential, seen));
    });
    return found;
  }

  function directEntities(list) {
    var items = (list.items || []).slice();
    (list.groups || []).forEach(function (group) { items = items.concat(group.items || []); });
    return items.filter(function (item) { return item.entity; });
  }

  function isCondition(entity) {
    return entity && (entity.kind === "condition" || entity.kind === "variant");
  }

  function Generator(book, random) {
    var entities = book.entities;
    var differentials = book.differentials || dict();
    var ids = Object.keys(entities);
    var used = dict();

    function pickDistractors(exclude, preferCategory, count) {
      var pool = shuffle(ids.filter(function (id) { return !exclude[id] && isCondition(entities[id]); }),
                         random);
      var same = pool.filter(function (id) { return entities[id].category === preferCategory; });
      var other = pool.filter(function (id) { return entities[id].category !== preferCategory; });
      return same.concat(other).slice(0, count);
    }

    function options(correct, distractors) {
      return shuffle([correct].concat(distractors), random);
    }

    // (a) Which of these is a cause of <list>? Lists of signs or descriptive patterns are no causes,
    // nor are the gallery and the lists of how a cause distributes its calcification.
    var causeLists = shuffle(Object.keys(differentials).filter(function (id) {
      var list = differentials[id];
      var named = directEntities(list);
      return list.axis !== "aunt-minnie" && list.axis !== "distribution" && named.length >= 2 &&
        named.every(function (item) { return isCondition(entities[item.entity]); });
    }), random);
    var causeTurn = 0;

    function cause() {
      for (var tries = 0; tries < causeLists.length; tries++) {
        var listId = causeLists[causeTurn++ % causeLists.length];
        var list = differentials[listId];
        var candidates = shuffle(directEntities(list), random).filter(function (item) {
          return isCondition(entities[item.entity]) && !used[item.entity];
        });
        if (!candidates.length) continue;
        var item = candidates[0];
        var exclude = dict();
        listEntities(differentials, listId).forEach(function (id) {
          exclude[id] = true;
          // A named variant of a listed entity (or the entity a listed variant is a form of) is no wrong answer.
          if (entities[id] && entities[id].parent) exclude[entities[id].parent] = true;
        });
        ids.forEach(function (id) { if (exclude[entities[id].parent]) exclude[id] = true; });
        var distractors = pickDistractors(exclude, entities[item.entity].category, 3);
        if (distractors.length < 3) continue;
        used[item.entity] = true;
        var title = list.title;
        if (list.parent && differentials[list.parent] && !/calcif|ossif|calcinosis/i.test(title)) {
          title += " (" + differentials[list.parent].title.toLowerCase() + ")";
        }
        return { type: "cause", list: listId, correct: item.entity, note: item.note || null,
                 legend: "Which of these is a cause of “" + title + "”?",
                 options: options(item.entity, distractors) };
      }
      return null;
    }

    // (b) Name this pattern: an Aunt Minnie clue (its picture is a picture question of its own).
    var aunt = differentials["aunt-minnie"];
    var patterns = aunt ? shuffle(directEntities(aunt).filter(function (item) {
      return entities[item.entity] && item.note && (book.clues || dict())[item.entity];
    }), random) : [];
    var patternTurn = 0;

    function pattern() {
      while (patternTurn < patterns.length) {
        var item = patterns[patternTurn++];
        if (used[item.entity]) continue;
        var others = shuffle(patterns.map(function (p) { return p.entity; }).filter(function (id) {
          return id !== item.entity;
        }), random).slice(0, 3);
        if (others.length < 3) return null;
        used[item.entity] = true;
        return { type: "pattern", list: "aunt-minnie", correct: item.entity, legend: "Name this pattern.",
                 clue: item.note, options: options(item.entity, others) };
      }
      return null;
    }

    // (c) Which entity does a discriminating feature tell A apart from?
    var pairs = [];
    ids.forEach(function (id) {
      (entities[id].discriminators || []).forEach(function (d) {
        if (entities[d.entity] && d.entity !== id) pairs.push({ from: id, to: d.entity, text: d.text });
      });
    });
    pairs = shuffle(pairs, random);
    var pairTurn = 0;

    function discriminator() {
      while (pairTurn < pairs.length) {
        var pair = pairs[pairTurn++];
        if (used[pair.from] || used[pair.to]) continue;
        var exclude = dict();
        exclude[pair.from] = true;
        exclude[pair.to] = true;
        (entities[pair.from].discriminators || []).forEach(function (d) { exclude[d.entity] = true; });
        var distractors = pickDistractors(exclude, entities[pair.to].category, 3);
        if (distractors.length < 3) continue;
        used[pair.from] = true;
        used[pair.to] = true;
        return { type: "discriminator", about: pair.from, correct: pair.to,
                 statement: plainText(pair.text, entities),
                 legend: "This feature separates " + entities[pair.from].title + " from which entity?",
                 options: options(pair.to, distractors) };
      }
      return null;
    }

    // (d) Which of these typically comes with an associated finding?
    var words = book.findings || dict();
    var askedFindings = dict();
    var sharing = dict();
    ids.forEach(function (id) {
      ((entities[id].facets || {}).associated || []).forEach(function (finding) {
        (sharing[finding] = sharing[finding] || []).push(id);
      });
    });
    var findingPairs = [];
    Object.keys(sharing).sort().forEach(function (finding) {
      if (sharing[finding].length > MAX_SHARING_A_FINDING) return;
      sharing[finding].forEach(function (id) {
        if (isCondition(entities[id])) findingPairs.push({ entity: id, finding: finding });
      });
    });
    findingPairs = shuffle(findingPairs, random);
    var findingTurn = 0;

    function association() {
      while (findingTurn < findingPairs.length) {
        var pair = findingPairs[findingTurn++];
        // One question per finding: the explanation of one names the answers to the other.
        if (used[pair.entity] || askedFindings[pair.finding]) continue;
        var answer = entities[pair.entity];
        var exclude = dict();
        sharing[pair.finding].forEach(function (id) { exclude[id] = true; });
        // Nor a relative of the answer, nor a disease of the same mechanism, which may well share
        // the finding without the book recording it (another inflammatory arthritis, say).
        ids.forEach(function (id) {
          var other = entities[id];
          if (id === answer.parent || other.parent === pair.entity || other.mechanism === answer.mechanism) {
            exclude[id] = true;
          }
        });
        var distractors = pickDistractors(exclude, answer.category, 3);
        if (distractors.length < 3) continue;
        used[pair.entity] = true;
        askedFindings[pair.finding] = true;
        var finding = words[pair.finding] || pair.finding.replace(/-/g, " ");
        return { type: "association", correct: pair.entity, finding: pair.finding, findingWords: finding,
                 others: sharing[pair.finding].filter(function (id) { return id !== pair.entity; }),
                 legend: "Which of these typically comes with " + finding + "?",
                 options: options(pair.entity, distractors) };
      }
      return null;
    }

    // (e) Which of these is this pattern? (f) Which shape is this? A drawing and four names. The build
    // chose, for each drawing, the wrong answers that are fair (of the same kind, no look-alike, none
    // named by the picture) and hid the answer's names from the drawing and its description.
    var pictures = book.pictures || [];
    function pictureMaker(kind) {
      var pool = shuffle(pictures.filter(function (p) { return p.kind === kind; }), random);
      var turn = 0;
      return function () {
        while (turn < pool.length) {
          var picture = pool[turn++];
          var usedKey = kind + ":" + picture.answer;
          if (used[usedKey] || (kind === "entity" && used[picture.answer])) continue;
          var wrong = shuffle(picture.wrong, random).slice(0, 3);
          if (wrong.length < 3) continue;
          used[usedKey] = true;
          if (kind === "entity") used[picture.answer] = true;
          return { type: kind === "entity" ? "picture" : "shape", correct: picture.answer, picture: picture,
                   legend: kind === "entity" ? "Which of these is this pattern?" : "Which shape is this?",
                   options: options(picture.answer, wrong) };
        }
        return null;
      };
    }

    var makers = { cause: cause, pattern: pattern, discriminator: discriminator, association: association,
                   picture: pictureMaker("entity"), shape: pictureMaker("shape") };
    this.round = function () {
      var plan = shuffle(PLAN, random);
      var questions = [];
      plan.forEach(function (type) {
        var question = makers[type]();
        // A kind of question that has run out hands over to the others.
        ["cause", "discriminator", "picture", "pattern", "association", "shape"].forEach(function (other) {
          if (!question) question = makers[other]();
        });
        if (question) questions.push(question);
      });
      return questions.slice(0, QUESTIONS);
    };
  }

  // ---- Rendering ----------------------------------------------------------------------------

  function start(container) {
    // Maps without a prototype: an entity or list whose id is "constructor" is found as itself.
    var book = page.bookData(window.STC_QUIZ);
    if (!book || !book.entities) {
      container.appendChild(el("p", { text: "The self-test could not load the book's data." }));
      return;
    }
    var entities = book.entities;
    var pages = book.pages || dict();
    var root = page.siteRoot(script, SCRIPT_PATH);
    var firstPage = pages[Object.keys(pages)[0]] || "";
    var suffix = /\.html$/.test(firstPage) ? ".html" : "/";
    var seed = readSeed();
    if (seed === null) {
      seed = randomSeed();
      writeSeed(seed);
    }
    var score = store.load();

    function entityLink(id) {
      return el("a", { href: root + (pages[id] || "entities/" + id + suffix), text: entities[id].title });
    }
    function listLink(id, anchor) {
      var list = book.differentials[id];
      return el("a", { href: root + "differentials/" + id + suffix + (anchor ? "#" + anchor : ""),
                       text: list ? list.title : id });
    }
    // An option as the reader reads it: an entity's title, or a shape's name.
    var shapes = book.shapes || dict();
    function optionName(question, id) {
      if (question.type !== "shape") return entities[id].title;
      var words = shapes[id] || id;
      return words.charAt(0).toUpperCase() + words.slice(1);
    }

    var scoreText = el("p", { "class": "stc-quiz__score", role: "status", "aria-live": "polite" });
    var setText = el("p", { "class": "stc-quiz__set" });
    var fresh = el("button", { type: "button", "class": "md-button stc-button", text: "New questions" });
    var reset = el("button", { type: "button", "class": "md-button stc-button", text: "Reset score" });
    var bar = el("div", { "class": "stc-quiz__bar" }, [
      scoreText, el("div", { "class": "stc-actions" }, [fresh, reset]), setText
    ]);
    if (!store.available) {
      bar.appendChild(el("p", { "class": "stc-quiz__note",
        text: "This browser does not let the page keep your score; it lasts until you leave the page." }));
    }
    var list = el("ol", { "class": "stc-quiz__questions", "aria-label": "Questions" });
    container.appendChild(bar);
    container.appendChild(list);

    function showScore() {
      scoreText.textContent = "Score: " + score.correct + " / " + score.answered + " answered correctly";
    }

    // What an entity is, in one line: its first key feature, else its summary.
    function clueOf(id) {
      var entity = entities[id];
      var text = (entity.key_features && entity.key_features[0]) || entity.summary || "";
      return plainText(text, entities).replace(/\.$/, "");
    }

    // A wrong option explained: the first list naming it and what it is.
    var listsNaming = dict();
    Object.keys(book.differentials || dict()).forEach(function (listId) {
      var list = book.differentials[listId];
      if (list.axis === "aunt-minnie") return;
      var items = (list.items || []).slice();
      (list.groups || []).forEach(function (group) { items = items.concat(group.items || []); });
      items.forEach(function (item) {
        if (item.entity) (listsNaming[item.entity] = listsNaming[item.entity] || []).push(listId);
      });
    });
    // Where a wrong option belongs, by preference on a list of the same kind as the question's
    // (another cause list for a question about causes).
    function whereItBelongs(id, axis) {
      var parts = [entityLink(id)];
      var lists = listsNaming[id] || [];
      var same = lists.filter(function (listId) { return book.differentials[listId].axis === axis; });
      var shown = same.length ? same[0] : lists[0];
      if (shown) parts.push(" — on ", listLink(shown));
      parts.push(": " + clueOf(id) + ".");
      return parts;
    }

    function explanation(question) {
      var parts;
      if (question.type === "cause") {
        parts = [entityLink(question.correct), " is on the list ", listLink(question.list), ": ",
                 clueOf(question.correct)];
        if (question.note) parts.push(" (" + plainText(question.note, entities).replace(/\.$/, "") + ")");
        parts.push(".");
        return el("div", { "class": "stc-feedback__why" }, [
          el("p", {}, parts),
          el("p", {}, ["The others belong elsewhere:"]),
          el("ul", {}, question.options.filter(function (id) { return id !== question.correct; })
            .map(function (id) { return el("li", {}, whereItBelongs(id, book.differentials[question.list].axis)); }))
        ]);
      } else if (question.type === "pattern") {
        parts = ["This is ", entityLink(question.correct), "."];
        if (question.clue) parts.push(" " + plainText(question.clue, entities));
        parts.push(" See the ", listLink("aunt-minnie"), " gallery.");
      } else if (question.type === "picture") {
        parts = ["This is ", entityLink(question.correct), ". " + question.picture.caption];
      } else if (question.type === "shape") {
        parts = ["This is " + optionName(question, question.correct).toLowerCase() + " calcification. " +
                 question.picture.caption + " "];
        if (question.picture.list) parts.push("See ", listLink(question.picture.list, question.picture.anchor), "; the ");
        else parts.push("The ");
        parts.push(el("a", { href: root + "finder" + suffix + "?morphology=" + encodeURIComponent(question.correct),
                             text: "differential finder" }), " lists every entity of this shape.");
      } else if (question.type === "association") {
        parts = [entityLink(question.correct), " typically comes with " + question.findingWords];
        question.others.forEach(function (id, k) {
          var joint = question.others.length > 1 ? "; so do " : "; so does ";
          parts.push(k === 0 ? joint : " and ", entityLink(id));
        });
        parts.push(". The ", el("a", { href: root + "finder" + suffix + "?finding=" + encodeURIComponent(question.finding),
                                      text: "differential finder" }),
                   " lists every entity with it.");
      } else {
        parts = ["The feature tells ", entityLink(question.about), " apart from ",
                 entityLink(question.correct), ". Both pages list their discriminating features."];
      }
      return el("p", { "class": "stc-feedback__why" }, parts);
    }

    function renderQuestion(question, index) {
      var name = "stc-q" + (index + 1);
      var fieldset = el("fieldset", { "class": "stc-question__fieldset" }, [
        el("legend", { text: (index + 1) + ". " + question.legend })
      ]);
      if (question.type === "pattern") {
        // Hidden by the build, by the same rules as the pictures' alt text (macros/picture_questions.py).
        fieldset.appendChild(el("p", { "class": "stc-question__clue", text: "Clue: " + book.clues[question.correct] }));
      } else if (question.type === "picture" || question.type === "shape") {
        // The alt text is the drawing's description with the answer's names hidden: a screen reader
        // user gets the picture in words, and no more of the answer than a sighted reader.
        fieldset.appendChild(el("img", {
          "class": "stc-question__image", src: root + question.picture.file, alt: question.picture.alt,
          width: question.picture.width, height: question.picture.height, loading: "lazy"
        }));
      } else if (question.type === "discriminator") {
        fieldset.appendChild(el("blockquote", { "class": "stc-question__statement", text: question.statement }));
      }
      var choices = el("div", { "class": "stc-choices stc-choices--column" });
      question.options.forEach(function (id, k) {
        var inputId = name + "-" + (k + 1);
        choices.appendChild(el("label", { "class": "stc-choice", "for": inputId }, [
          el("input", { type: "radio", name: name, id: inputId, value: id }),
          el("span", { text: optionName(question, id) })
        ]));
      });
      fieldset.appendChild(choices);
      var check = el("button", { type: "button", "class": "md-button stc-button", text: "Check" });
      var feedback = el("div", { "class": "stc-feedback", "aria-live": "polite" });
      var item = el("li", { "class": "stc-question", "data-type": question.type,
                             "data-finding": question.finding || null }, [
        fieldset, el("div", { "class": "stc-actions" }, [check]), feedback
      ]);

      check.addEventListener("click", function () {
        if (check.getAttribute("aria-disabled") === "true") return;  // answered already
        var chosen = fieldset.querySelector("input:checked");
        feedback.textContent = "";
        if (!chosen) {
          feedback.appendChild(el("p", { text: "Choose an answer first." }));
          return;
        }
        var right = chosen.value === question.correct;
        score = { correct: score.correct + (right ? 1 : 0), answered: score.answered + 1 };
        store.save(score);
        showScore();
        fieldset.disabled = true;
        // Not `disabled`: a disabled button drops the keyboard focus to the top of the page.
        check.setAttribute("aria-disabled", "true");
        fieldset.querySelectorAll("input").forEach(function (input) {
          if (input.value === question.correct) input.parentNode.classList.add("stc-choice--correct");
          else if (input === chosen) input.parentNode.classList.add("stc-choice--wrong");
        });
        item.classList.add(right ? "stc-question--correct" : "stc-question--wrong");
        feedback.appendChild(el("p", { "class": "stc-feedback__verdict",
          text: right ? "Correct." : "Incorrect — the answer is " + optionName(question, question.correct) + "." }));
        feedback.appendChild(explanation(question));
      });
      return item;
    }

    function renderRound() {
      var questions = new Generator(book, prng(seed)).round();
      list.textContent = "";
      questions.forEach(function (question, index) { list.appendChild(renderQuestion(question, index)); });
      setText.textContent = "Question set " + seed + " — the page address reproduces it.";
    }

    fresh.addEventListener("click", function () {
      seed = seed >= 999999999 ? 1 : seed + 1;
      writeSeed(seed);
      renderRound();
    });
    reset.addEventListener("click", function () {
      store.reset();
      score = { correct: 0, answered: 0 };
      showScore();
    });

    showScore();
    renderRound();
  }

  page.mount("stc-quiz", start);
})();
