/**
 * The compare page's script: compares two revisions that no page was built
 * for. It reads the two revisions' Markdown (/<policy>/<date>.md) and what the
 * build found in them (/<policy>/compare/data/<date>.json), then loads the
 * build's own engine and renderer (compare-here.ts, a separate bundle fetched
 * only now) and shows the same redline a built page would.
 *
 * A pair that has a page (a revision and the one before it, or any revision
 * and the one in force) goes straight to that page, unless the address asks
 * for the comparison here (`&built=no`, which tests use to check that both
 * give the same HTML).
 */
import type { RevisionData } from './compare-here.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Wires the compare page: reads ?from=&to=, goes to a built page or computes the redline here. */
export function startComparePage(): void {
  const form = document.querySelector<HTMLFormElement>('form.rl-compare');
  const result = document.getElementById('rl-result');
  if (!form || !result) return;
  const { policy, current, base } = form.dataset as { policy: string; current?: string; base: string };
  // The page's language, and what this script says in it (src/core/i18n/strings.ts, compareScript).
  const lang = form.dataset.lang ?? 'en';
  const S = JSON.parse(form.dataset.strings ?? '{}') as Record<'choose' | 'same' | 'comparing' | 'failed' | 'heading' | 'title' | 'label' | 'inForce', string>;
  const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const dates = [...form.querySelectorAll<HTMLOptionElement>('select[name="from"] option')].map((o) => o.value).sort();
  const params = new URLSearchParams(location.search);
  let from = params.get('from') ?? '';
  let to = params.get('to') ?? '';
  if (!from && !to) return;
  const say = (text: string) => {
    result.innerHTML = `<p class="notice" role="status">${esc(text)}</p>`;
  };
  if (!dates.includes(from) || !dates.includes(to)) return say(S.choose);
  if (from === to) return say(S.same);
  if (from > to) [from, to] = [to, from];
  const here = params.get('built') === 'no';
  // Links in the policy text are written under the site's base path, not the language's.
  const siteBase = lang === (form.dataset.default ?? lang) ? base : base.replace(new RegExp(`${lang}/$`), '');
  const at = (d: string) => dates.indexOf(d);
  if (!here && at(to) === at(from) + 1) {
    location.replace(`${base}${policy}/${to}/changes/`);
    return;
  }
  if (!here && current && (from === current || to === current)) {
    location.replace(`${base}${policy}/compare/${from}...${to}/`);
    return;
  }
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    if (select) select.value = value;
  }
  say(S.comparing);
  const fetchText = (url: string) => fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: ${r.status}`))));
  const date = (d: string) => form.querySelector<HTMLOptionElement>(`option[value="${d}"]`)?.textContent ?? d;
  const label = (d: string) => `${fill(S.label, { date: date(d) })}${d === current ? S.inForce : ''}`;
  Promise.all([import('./compare-here.ts'), ...[from, to].flatMap((d) => [fetchText(`${base}${policy}/${d}.md`), fetchText(`${base}${policy}/compare/data/${d}.json`)])])
    .then(async ([lib, rawA, dataA, rawB, dataB]) => {
      const { compareHtml, readyFor, revisionFromData, viewsNavHtml } = lib as typeof import('./compare-here.ts');
      const a = revisionFromData(rawA as string, JSON.parse(dataA as string) as RevisionData);
      const b = revisionFromData(rawB as string, JSON.parse(dataB as string) as RevisionData);
      await readyFor(a.text, b.text);
      result.innerHTML =
        `<h2 id="rl-top" class="rl-result-title" tabindex="-1">${esc(fill(S.heading, { from: date(from), to: date(to) }))}</h2>` +
        viewsNavHtml(lang) +
        compareHtml(a, b, { oldLabel: label(from), newLabel: label(to), base: siteBase, lang });
      document.title = `${fill(S.title, { from: date(from), to: date(to) })} · ${document.title}`;
      result.querySelector<HTMLElement>('h2')?.focus();
    })
    .catch(() => say(S.failed));
}
