// The search page (/search/): queries the site's own Pagefind index (/pagefind/, written by
// `redline build`) in the browser; nothing leaves the site. Every version is searched; the
// results are grouped by policy: the version in force first (with the sections where the words
// are), then announced upcoming versions, then past versions, newest first, folded under one line
// (versions in a row with the same passage share one excerpt).
// Results follow the words as they are typed (after a short pause) and on Enter; the arrow keys
// move between the input and the results, Escape goes back to the input (and a second one clears
// it). Each language has its own index. Pagefind compiles WebAssembly, which the site's CSP
// allows ('wasm-unsafe-eval').
(function () {
  'use strict';
  var form = document.querySelector('form.search-form');
  if (!form) return;
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var engine = null;
  // Each policy's past and upcoming versions are indexed apart (src/node/search-index.ts), merged in
  // with the first search, in the page's language (each piece's words load only as queries need them).
  var versions = JSON.parse(form.getAttribute('data-versions') || '[]');
  var lang = { language: form.getAttribute('data-lang') };
  // Results in the page's language only (Pagefind may answer from another).
  var here = form.getAttribute('data-here');
  var elsewhere = JSON.parse(form.getAttribute('data-elsewhere') || '[]');
  function inLanguage(r) {
    return !r.url.indexOf(here) && !elsewhere.some(function (p) { return !r.url.indexOf(p); });
  }
  var timer = 0;
  var shown = null;
  // How many results are read (Pagefind ranks them all; each read fetches a fragment).
  var READ = 60;
  var DEBOUNCE_MS = 250;
  // The page's words (src/core/i18n/strings.ts, searchScript); a pair is [one, many].
  var T = JSON.parse(form.getAttribute('data-strings') || '{}');
  function fill(text, v) {
    return text.replace(/\{(\w+)\}/g, function (_, k) { return v[k]; });
  }
  function count(pair, n) {
    return fill(pair[n === 1 ? 0 : 1], { n: n });
  }

  function load() {
    // Once: the engine, then every piece of the index merged in, before the first search runs.
    if (!engine) {
      engine = import(form.getAttribute('data-index') + 'pagefind.js').then(function (pf) {
        return pf.options({ baseUrl: form.getAttribute('data-base') }).then(function () {
          return Promise.all(versions.map(function (v) { return pf.mergeIndex(v.index, lang); }));
        }).then(function () { return pf; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // Pagefind's excerpts are escaped text with <mark> around the matches: keep exactly those.
  function excerpt(html) {
    var p = el('p', 'excerpt');
    p.appendChild(document.createTextNode('… '));
    var doc = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html');
    doc.body.childNodes.forEach(function (n) {
      p.appendChild(n.nodeName === 'MARK' ? el('mark', '', n.textContent) : document.createTextNode(n.textContent));
    });
    p.appendChild(document.createTextNode(' …'));
    return p;
  }

  function plain(html) {
    return new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html').body.textContent.replace(/\s+/g, ' ').trim();
  }

  function kind(r) {
    return (r.filters && r.filters.version && r.filters.version[0]) || '';
  }

  // The (at most three) sections where the words were found most often, each with its own link and excerpt.
  function sections(r) {
    var subs = (r.sub_results || [])
      .filter(function (s) { return s.url !== r.url && s.url.indexOf('#') > 0; })
      .sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })
      .slice(0, 3);
    if (subs.length === 0) return excerpt(r.excerpt);
    var ul = el('ul', 'result-sections');
    subs.forEach(function (s) {
      var li = el('li');
      var a = el('a', '', s.title);
      a.href = s.url;
      li.appendChild(a);
      li.appendChild(excerpt(s.excerpt));
      ul.appendChild(li);
    });
    return ul;
  }

  // One version shown in full: its label (In force, Upcoming), its date, where the words are.
  function version(r, label) {
    var box = el('div', 'result-version');
    var meta = el('p', 'result-meta');
    var a = el('a', '', label + ' · ' + (r.meta.version || ''));
    a.href = r.url;
    meta.appendChild(a);
    box.appendChild(meta);
    box.appendChild(sections(r));
    return box;
  }

  // Results by policy, in the order of each policy's best result; in each, the version in force, then
  // upcoming versions (soonest first), then past versions (newest first).
  function groups(results) {
    var byPolicy = {};
    var order = [];
    results.forEach(function (r) {
      var key = r.meta.policy || r.url;
      if (!byPolicy[key]) {
        byPolicy[key] = { title: r.meta.policy_title || r.meta.title, current: null, upcoming: [], past: [] };
        order.push(key);
      }
      var g = byPolicy[key];
      var k = kind(r);
      if (k === 'In force') g.current = r;
      else if (k === 'Upcoming') g.upcoming.push(r);
      else g.past.push(r);
    });
    var date = function (r) { return r.meta.date || ''; };
    return order.map(function (key) {
      var g = byPolicy[key];
      g.upcoming.sort(function (a, b) { return date(a) < date(b) ? -1 : 1; });
      g.past.sort(function (a, b) { return date(a) < date(b) ? 1 : -1; });
      return g;
    });
  }

  // Pagefind prefers returning something to nothing: a word it does not know is matched by its
  // longest known beginning ("retainedxyz" finds "retained"), and an index that lacks one of the
  // words answers for the others ("atom.io" finds "io" in a policy that never says "atom"). A result
  // is kept only when its text has every word asked for: the word itself, a word it begins, or the
  // same word with another ending (as Pagefind's stemming allows: "retaining" finds "retained").
  var ENDING = /^(?:s|es|ed|d|ing|ion|ions|ly|er|ers|ment|ments|ation|ations|al|ity|ies|y)?$/;
  var WORD = /[\p{L}\p{N}]+/gu;
  var UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
  function stem(w) {
    return w.replace(/(?:ations?|ments?|ing|ion|ions|ers?|ed|es|ies|ly|s)$/, '');
  }
  function hasEvery(term, content) {
    var text = content.toLowerCase();
    var words = null;
    return (term.toLowerCase().match(WORD) || []).every(function (q) {
      if (UNSPACED.test(q)) return text.indexOf(q) >= 0;
      if (!words) words = new Set(text.match(WORD) || []);
      var root = stem(q);
      for (var w of words) {
        if (w.indexOf(q) === 0) return true;
        if (root.length >= 3 && w.indexOf(root) === 0 && ENDING.test(w.slice(root.length))) return true;
      }
      return false;
    });
  }

  function render(found, term) {
    list.textContent = '';
    var results = found.filter(function (r) { return hasEvery(term, r.content || ''); });
    var all = groups(results);
    all.forEach(function (g) {
      var li = el('li', 'result-group');
      var h = el('h2');
      var first = g.current || g.upcoming[0] || g.past[0];
      var a = el('a', '', g.title);
      a.href = first.url;
      h.appendChild(a);
      li.appendChild(h);
      if (g.current) li.appendChild(version(g.current, T.inForce));
      else li.appendChild(el('p', 'result-meta', T.notInForce));
      g.upcoming.forEach(function (r) { li.appendChild(version(r, T.upcoming)); });
      if (g.past.length > 0) {
        var fold = el('details', 'result-past');
        var summary = el('summary', '', count(g.current || g.upcoming.length ? T.past : T.pastOnly, g.past.length));
        fold.appendChild(summary);
        // Versions in a row whose passage reads the same are listed together, with the passage once.
        var ol = el('ol');
        var item = null;
        var last = null;
        g.past.forEach(function (r) {
          var text = plain(r.excerpt);
          if (text !== last) {
            if (item) item.appendChild(excerpt(item.excerpt));
            item = el('li');
            item.excerpt = r.excerpt;
            ol.appendChild(item);
            last = text;
          } else {
            item.appendChild(document.createTextNode(', '));
          }
          var link = el('a', '', r.meta.version || r.url);
          link.href = r.url;
          link.appendChild(el('span', 'visually-hidden', fill(T.versionOf, { title: g.title })));
          item.appendChild(link);
        });
        if (item) item.appendChild(excerpt(item.excerpt));
        fold.appendChild(ol);
        // Only past versions have the words: show them.
        if (!g.current && !g.upcoming.length) fold.open = true;
        li.appendChild(fold);
      }
      list.appendChild(li);
    });
    status.textContent = fill(results.length ? T.found : T.nothing, { term: term, policies: count(T.policies, all.length), versions: count(T.versions, results.length) });
  }

  function run() {
    clearTimeout(timer);
    var term = input.value.trim();
    if (term === shown) return;
    shown = term;
    history.replaceState(null, '', location.pathname + (term ? '?' + new URLSearchParams({ q: term }) : ''));
    if (!term) {
      list.textContent = '';
      status.textContent = '';
      return;
    }
    status.textContent = T.searching;
    load()
      .then(function (pf) { return pf.search(term); })
      .then(function (search) {
        return Promise.all(search.results.slice(0, READ).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        // A later query has been asked meanwhile: its results will come.
        if (input.value.trim() === term) render(results.filter(inLanguage), term);
      })
      .catch(function () {
        shown = null;
        status.textContent = T.unavailable;
      });
  }

  // The links a keyboard reader moves between with the arrow keys: those in view (not in a closed fold).
  function links() {
    return Array.prototype.filter.call(list.querySelectorAll('a, summary'), function (a) {
      return a.getClientRects().length > 0;
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && links().length) {
      event.preventDefault();
      run();
      links()[0].focus();
    } else if (event.key === 'Escape' && input.value) {
      event.preventDefault();
      input.value = '';
      run();
    }
  });
  list.addEventListener('keydown', function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var next = at + (event.key === 'ArrowDown' ? 1 : -1);
      (next < 0 ? input : all[Math.min(next, all.length - 1)]).focus();
    } else if (event.key === 'Escape') {
      input.focus();
    }
  });

  input.value = new URLSearchParams(location.search).get('q') || '';
  form.hidden = false;
  var note = document.querySelector('.search-nojs');
  if (note) note.hidden = true;
  if (input.value) run();
})();
