// History page: "Which version was in force on <date>?" Finds the revision whose in-force
// range holds the date, says so, and moves to it. Dates stay YYYY-MM-DD strings, compared as
// text. Whether it "was", "is" or "will be" in force is decided by today in the site's time
// zone by the reader's clock: the page names no day of its own, so that it stays the same
// on every day it is served. Without this script the form stays hidden and the list still
// shows each version's in-force range.
(function () {
  'use strict';
  var form = document.querySelector('form.in-force-on');
  if (!form) return;
  var input = form.querySelector('input[type="date"]');
  var output = form.querySelector('output');
  var items = document.querySelectorAll('ol.history > li[data-from]');
  var lang = document.documentElement.lang || 'en';
  // What the script says, in the page's language (src/core/i18n/strings.ts, inForceScript).
  var S = JSON.parse(form.getAttribute('data-strings') || '{}');
  function fill(text, date, version) {
    return text.replace('{date}', show(date)).replace('{first}', show(form.getAttribute('data-first'))).replace('{version}', version || '');
  }
  var fmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  function show(date) {
    var p = date.split('-');
    return fmt.format(Date.UTC(+p[0], +p[1] - 1, +p[2]));
  }
  function say(text) {
    output.textContent = text;
  }
  function today() {
    var p = {};
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: form.getAttribute('data-time-zone') || undefined, year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(new Date())
        .forEach(function (x) { p[x.type] = x.value; });
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
    return p.year + '-' + p.month + '-' + p.day;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var date = input.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      say(S.enter);
      return;
    }
    var found = null;
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var until = li.getAttribute('data-until');
      if (li.getAttribute('data-from') <= date && (!until || date <= until)) found = li;
    }
    if (!found) {
      say(fill(S.none, date));
      return;
    }
    var link = found.querySelector('h2 a');
    var now = today();
    var when = date > now ? S.willBe : date === now ? S.is : S.was;
    say(fill(when, date, lang === 'ja' ? link.textContent.trim() + '版' : link.textContent.trim().replace(/^E/, 'e')));
    for (var j = 0; j < items.length; j++) items[j].classList.remove('found');
    found.classList.add('found');
    history.replaceState(null, '', '#' + found.id);
    found.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    link.focus({ preventScroll: true });
  });
  form.hidden = false;
})();
