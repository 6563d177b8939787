// Forgiving search: Material's own search (lunr, in a web worker, or in an iframe from file://) with
// each query widened before it reaches the index, so a typo, the other side of the Atlantic's spelling
// or a lay word still finds the page:
//   - every word of 5 letters or more also matches with one typo (two from 8 letters): lunr's fuzzy
//     terms, `pelegrini~1`, `fibrodisplasia~2`;
//   - British and American spellings both ways: haem/hem, oedema/edema, tumour/tumor, -aemia/-emia,
//     -ise/-ize (lunr's fuzzy match cannot reach a short word such as "hem");
//   - a few words readers use for the book's terms ("ear" for pinna).
// The reader's words stay as typed and first, so an exact match still ranks highest; a query that
// already uses lunr's syntax (~ ^ * + : ") is left alone. Loaded in <head> as a polyfill, after the
// iframe-worker shim and before Material's bundle, which then creates its search worker through
// this wrapper. No network, no libraries, no HTML.
(function () {
  "use strict";

  var NativeWorker = window.Worker;
  if (typeof NativeWorker !== "function") return;
  var QUERY = 2;  // Material's search message carrying the query text
  var FUZZY_FROM = 5;
  var MORE_FUZZY_FROM = 8;
  var MAX_EXTRA_TERMS = 24;  // a pasted paragraph must not become a query of hundreds of terms

  // [British, American] spelling pairs, applied both ways to every word.
  var SPELLINGS = [
    [/^haem/, "haem", "hem"], [/^hem/, "hem", "haem"],
    [/^oedem/, "oedem", "edem"], [/^edem/, "edem", "oedem"],
    [/^oesoph/, "oesoph", "esoph"], [/^esoph/, "esoph", "oesoph"],
    [/^paed/, "paed", "ped"], [/^orthopaed/, "orthopaed", "orthoped"],
    [/aemi(a|c)$/, "aemi", "emi"], [/([^a])emi(a|c)$/, "emi", "aemi"],
    [/our(al|s)?$/, "our", "or"], [/umor(al|s)?$/, "umor", "umour"],
    [/is(e|ed|es|ing|ation|ations)$/, "is", "iz"], [/iz(e|ed|es|ing|ation|ations)$/, "iz", "is"],
    [/ys(e|ed|es|ing)$/, "ys", "yz"], [/yz(e|ed|es|ing)$/, "yz", "ys"],
    [/tre$/, "tre", "ter"], [/^fleb/, "fleb", "phleb"], [/sulph/, "sulph", "sulf"], [/sulf/, "sulf", "sulph"]
  ];

  // Words readers use for the book's own terms.
  var SYNONYMS = {
    ear: ["pinna", "auricle"], auricle: ["pinna"], earlobe: ["pinna"],
    kidney: ["renal"], kidneys: ["renal"], lung: ["pulmonary"], lungs: ["pulmonary"],
    skin: ["cutaneous", "dermal"], worm: ["parasitic"], worms: ["parasitic"],
    bone: ["ossification"], xray: ["radiograph"], "x-ray": ["radiograph"]
  };

  function spellings(word) {
    var found = [];
    SPELLINGS.forEach(function (rule) {
      if (rule[0].test(word)) {
        var other = word.replace(rule[1], rule[2]);
        if (other !== word && found.indexOf(other) < 0) found.push(other);
      }
    });
    return found;
  }

  function fuzzy(word) {
    if (word.length >= MORE_FUZZY_FROM) return word + "~2";
    if (word.length >= FUZZY_FROM) return word + "~1";
    return null;
  }

  // The query as typed, then its forgiving extra terms (each one optional, as every lunr term is).
  function rewrite(query) {
    var text = String(query || "");
    if (!text.trim() || /[~^*+:"]/.test(text)) return text;
    var words = text.toLowerCase().match(/[a-z\u00c0-\u024f]+/g) || [];
    var extra = [];
    function add(term) {
      if (term && extra.length < MAX_EXTRA_TERMS && extra.indexOf(term) < 0 && words.indexOf(term) < 0) {
        extra.push(term);
      }
    }
    words.forEach(function (word) {
      add(fuzzy(word));
      spellings(word).forEach(function (other) { add(other); add(fuzzy(other)); });
      (SYNONYMS[word] || []).forEach(add);
    });
    return extra.length ? text + " " + extra.join(" ") : text;
  }

  function ForgivingWorker(url, options) {
    var worker = options === undefined ? new NativeWorker(url) : new NativeWorker(url, options);
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      var rest = Array.prototype.slice.call(arguments, 1);
      if (message && message.type === QUERY && typeof message.data === "string") {
        message = { type: QUERY, data: rewrite(message.data) };
      }
      return post.apply(worker, [message].concat(rest));
    };
    return worker;
  }
  ForgivingWorker.prototype = NativeWorker.prototype;

  window.Worker = ForgivingWorker;
  window.STC_SEARCH = { rewrite: rewrite };
})();
