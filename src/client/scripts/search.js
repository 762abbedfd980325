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
  // Each policy's past and upcoming versions are indexed apart (src/node/search-index.ts): merged in
  // when past versions are searched, or always for a policy with an upcoming version.
  var versions = JSON.parse(form.getAttribute('data-versions') || '[]');
  var merged = {};

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
        return pf.mergeIndex(v.index).catch(function () { merged[v.index] = false; });
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
        v.textContent = ', ' + r.meta.version.toLowerCase();
        a.appendChild(v);
      }
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement('p');
      meta.className = 'result-meta';
      var kind = (r.filters && r.filters.version && r.filters.version[0]) || '';
      meta.textContent = [kind === 'Past versions' ? 'Past version' : kind, r.meta.version].filter(Boolean).join(' · ');
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
      ? 'Nothing found for “' + term + '”' + (past.checked ? '.' : ' in the versions in force. Try including past versions.')
      : n + (n === 1 ? ' result' : ' results') + ' for “' + term + '”' + (past.checked ? ', in every version.' : ', in the versions in force.');
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
    status.textContent = 'Searching…';
    load()
      .then(function (pf) {
        var options = past.checked ? {} : { filters: { version: { any: ['In force', 'Upcoming'] } } };
        return pf.search(term, options);
      })
      .then(function (search) {
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        if (input.value.trim() === term) render(results, term);
      })
      .catch(function () {
        status.textContent = 'Search is not available right now: its index could not be loaded.';
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
