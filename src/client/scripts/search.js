// The search page (/search/): queries the site's own Pagefind index (/pagefind/, written by
// `redline build`) in the browser; nothing leaves the site. By default only the versions in
// force (and announced upcoming ones) are searched; "Include past and upcoming versions" drops
// that filter. Pagefind compiles WebAssembly, which the site's CSP allows ('wasm-unsafe-eval').
(function () {
  'use strict';
  var form = document.querySelector('form.search-form');
  if (!form) return;
  var input = form.querySelector('input[name="q"]');
  var past = form.querySelector('input[name="past"]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var engine = null;
  // What the script says, in the page's language (src/core/i18n/strings.ts, searchScript).
  var S = JSON.parse(form.getAttribute('data-strings') || '{}');
  function say(text, term, n) {
    return text.replace('{term}', term).replace('{n}', String(n));
  }
  // Pagefind picks the index of the page's language (<html lang>): each language is searched in its own.
  // Each policy's past and upcoming versions are indexed apart (src/node/search-index.ts): merged in
  // when past versions are searched, or always for a policy with an upcoming version; in the page's
  // language too (the page names only the pieces that hold pages in it).
  var versions = JSON.parse(form.getAttribute('data-versions') || '[]');
  var lang = form.getAttribute('data-lang');
  var merged = {};
  // Results in the page's language only: its pages are under `here`, and none under another language's folder
  // (Pagefind falls back to another language when an index holds none in this one).
  var here = form.getAttribute('data-here') || '/';
  var elsewhere = JSON.parse(form.getAttribute('data-elsewhere') || '[]');
  function inLanguage(url) {
    return url.indexOf(here) === 0 && !elsewhere.some(function (p) { return url.indexOf(p) === 0; });
  }

  function load() {
    if (!engine) {
      engine = import(form.getAttribute('data-index') + 'pagefind.js').then(function (pf) {
        return pf.options({ baseUrl: form.getAttribute('data-base') }).then(function () { return pf; });
      });
    }
    return engine.then(function (pf) {
      var wanted = versions.filter(function (v) { return (past.checked || v.upcoming) && !merged[v.index]; });
      return Promise.all(wanted.map(function (v) {
        merged[v.index] = true;
        return pf.mergeIndex(v.index, lang ? { language: lang } : {}).catch(function () { merged[v.index] = false; });
      })).then(function () { return pf; });
    });
  }

  // Pagefind's excerpts are escaped text with <mark> around the matches: keep exactly those.
  function excerpt(html) {
    var p = document.createElement('p');
    p.className = 'excerpt';
    p.appendChild(document.createTextNode('… '));
    var doc = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html');
    doc.body.childNodes.forEach(function (n) {
      if (n.nodeName === 'MARK') {
        var m = document.createElement('mark');
        m.textContent = n.textContent;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(n.textContent));
      }
    });
    p.appendChild(document.createTextNode(' …'));
    return p;
  }

  function render(results, term) {
    list.textContent = '';
    results.forEach(function (r) {
      var li = document.createElement('li');
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = r.url;
      a.textContent = r.meta.title || r.url;
      if (r.meta.version) {
        var v = document.createElement('span');
        v.className = 'visually-hidden';
        v.textContent = (document.documentElement.lang === 'ja' ? '、' : ', ') + r.meta.version.toLowerCase();
        a.appendChild(v);
      }
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement('p');
      meta.className = 'result-meta';
      var kind = (r.filters && r.filters.version && r.filters.version[0]) || '';
      meta.textContent = [kind === 'Past versions' ? S.pastVersion : (S.filters && S.filters[kind]) || kind, r.meta.version].filter(Boolean).join(' · ');
      li.appendChild(meta);
      // The (at most three) sections where the words were found most often, each with its own link and excerpt.
      var sections = (r.sub_results || [])
        .filter(function (s) { return s.url !== r.url && s.url.indexOf('#') > 0; })
        .sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })
        .slice(0, 3);
      if (sections.length === 0) {
        li.appendChild(excerpt(r.excerpt));
      } else {
        var ul = document.createElement('ul');
        ul.className = 'result-sections';
        sections.forEach(function (s) {
          var item = document.createElement('li');
          var link = document.createElement('a');
          link.href = s.url;
          link.textContent = s.title;
          item.appendChild(link);
          item.appendChild(excerpt(s.excerpt));
          ul.appendChild(item);
        });
        li.appendChild(ul);
      }
      list.appendChild(li);
    });
    var n = results.length;
    status.textContent = n === 0
      ? say(past.checked ? S.none : S.noneInForce, term, n)
      : say(n === 1 ? S.one : S.many, term, n) + (past.checked ? S.inEvery : S.inForce);
  }

  function run() {
    var term = input.value.trim();
    var params = new URLSearchParams();
    if (term) params.set('q', term);
    if (past.checked) params.set('past', '1');
    var query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
    if (!term) {
      list.textContent = '';
      status.textContent = '';
      return;
    }
    status.textContent = S.searching;
    load()
      .then(function (pf) {
        var options = past.checked ? {} : { filters: { version: { any: ['In force', 'Upcoming'] } } };
        return pf.search(term, options);
      })
      .then(function (search) {
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        if (input.value.trim() === term) render(results.filter(function (r) { return inLanguage(r.url); }), term);
      })
      .catch(function () {
        status.textContent = S.unavailable;
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    run();
  });
  past.addEventListener('change', function () {
    if (input.value.trim()) run();
  });

  var given = new URLSearchParams(location.search);
  input.value = given.get('q') || '';
  past.checked = given.get('past') === '1';
  form.hidden = false;
  var note = document.querySelector('.search-nojs');
  if (note) note.hidden = true;
  if (input.value) run();
})();
