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
  const dates = [...form.querySelectorAll<HTMLOptionElement>('select[name="from"] option')].map((o) => o.value).sort();
  const params = new URLSearchParams(location.search);
  let from = params.get('from') ?? '';
  let to = params.get('to') ?? '';
  if (!from && !to) return;
  const say = (text: string) => {
    result.innerHTML = `<p class="notice" role="status">${esc(text)}</p>`;
  };
  if (!dates.includes(from) || !dates.includes(to)) return say('Choose two versions from the lists.');
  if (from === to) return say('These are the same version: choose two different versions.');
  if (from > to) [from, to] = [to, from];
  const here = params.get('built') === 'no';
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
  say('Comparing the two versions…');
  const fetchText = (url: string) => fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: ${r.status}`))));
  const date = (d: string) => form.querySelector<HTMLOptionElement>(`option[value="${d}"]`)?.textContent ?? d;
  const label = (d: string) => `the version effective ${date(d)}${d === current ? ' (in force)' : ''}`;
  Promise.all([import('./compare-here.ts'), ...[from, to].flatMap((d) => [fetchText(`${base}${policy}/${d}.md`), fetchText(`${base}${policy}/compare/data/${d}.json`)])])
    .then(([lib, rawA, dataA, rawB, dataB]) => {
      const { compareHtml, revisionFromData, viewsNavHtml } = lib as typeof import('./compare-here.ts');
      const a = revisionFromData(rawA as string, JSON.parse(dataA as string) as RevisionData);
      const b = revisionFromData(rawB as string, JSON.parse(dataB as string) as RevisionData);
      result.innerHTML =
        `<h2 id="rl-top" class="rl-result-title" tabindex="-1">From the version effective ${esc(date(from))} to the version effective ${esc(date(to))}</h2>` +
        viewsNavHtml() +
        compareHtml(a, b, { oldLabel: label(from), newLabel: label(to), base });
      document.title = `${date(from)} compared with ${date(to)} · ${document.title}`;
      result.querySelector<HTMLElement>('h2')?.focus();
    })
    .catch(() => say('The two versions could not be compared here. Try again, or open each version from the history.'));
}
