/**
 * The compare page's script: compares two revisions that no page was built
 * for, in the browser, with the same engine as the build (engine.ts, no
 * Markdown parser). It reads each revision's Markdown (/<policy>/<date>.md)
 * and the blocks the build found in it (/<policy>/compare/data/<date>.json),
 * then shows the redline. Changed text is shown without its inline
 * formatting (bold, links): the pages built ahead of time show it formatted.
 *
 * A pair that has a page (a revision and the one before it, or any revision
 * and the one in force) goes straight to that page.
 */
import { diffBlocks } from '../core/diff/engine.ts';
import { groupRows, unchangedSummary, BLOCK_NAMES } from '../core/diff/rows.ts';
import type { Block, BlockDoc, ChangedSection, MarkdownDiff, OpKind, Unit } from '../core/diff/types.ts';
import { decodeClasses } from '../core/diff/classes.ts';

/** What the build writes for each revision: its blocks and the class of each character (run-length encoded). */
export interface RevisionData {
  engine: number;
  /** Length of the body, and where it starts in the .md file. */
  length: number;
  bodyStart: number;
  blocks: Block[];
  roots: number[];
  rootTypes: string[];
  /** [class, run length, class, run length, …]: 0 syntax, 1 text, 2–4 code span, 5 code block. */
  cls: number[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Side {
  doc: BlockDoc;
  cls: Uint8Array;
}

/**
 * Writes a block's visible text with its marks: syntax is left out (a space
 * where it held one), line breaks with their quote markers become spaces,
 * and in a table row each `|` starts a new cell.
 */
class Writer {
  html = '';
  private open: OpKind = '=';
  private cells: string[] = [];
  private readonly table: boolean;
  constructor(table: boolean) {
    this.table = table;
  }
  private setMark(kind: OpKind): void {
    if (kind === this.open) return;
    if (this.open !== '=') this.html += this.open === '+' ? '</ins>' : '</del>';
    if (kind !== '=') this.html += kind === '+' ? '<ins>' : '<del>';
    this.open = kind;
  }
  write(kind: OpKind, side: Side, s: number, e: number, code: boolean): void {
    for (let i = s; i < e; i++) {
      const c = side.cls[i]!;
      const ch = side.doc.text[i]!;
      if (c === 0 || c === 3 || c === 4) {
        if (this.table && ch === '|' && c === 0) this.cell();
        else if (/\s/.test(ch) && !/ $/.test(this.html)) {
          this.setMark(kind);
          this.html += ' ';
        }
        continue;
      }
      this.setMark(kind);
      if (!code && ch === '\n') {
        while (i + 1 < e && /[ \t>]/.test(side.doc.text[i + 1]!)) i++;
        if (!/ $/.test(this.html)) this.html += ' ';
      } else this.html += esc(ch);
    }
  }
  cell(): void {
    this.setMark('=');
    this.cells.push(this.html);
    this.html = '';
  }
  done(): string {
    this.setMark('=');
    if (!this.table) return this.html.replace(/^(?:\s|<(?:ins|del)>\s*<\/(?:ins|del)>)+/, '').trim();
    this.cell();
    const cells = this.cells.map((x) => x.trim());
    while (cells.length && !cells[0]) cells.shift();
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    return cells.map((x) => `<td>${x}</td>`).join('');
  }
}

/** One block, inline view: its element and its text with marks. */
function blockHtml(u: Unit, a: Side, b: Side): { tag: string; html: string } {
  const side = u.new ? b : a;
  const span = u.new ?? u.old!;
  const block = side.doc.blocks[span.block]!;
  const type = block.type;
  const root = side.doc.rootTypes[span.root] ?? type;
  const code = type === 'code';
  const w = new Writer(type === 'tableRow');
  if (u.kind === 'equal') w.write('=', b, u.new!.start, u.new!.end, code);
  else if (u.kind === 'inserted') w.write('+', b, u.new!.start, u.new!.end, code);
  else if (u.kind === 'deleted') w.write('-', a, u.old!.start, u.old!.end, code);
  else {
    // A changed pair: its operations, but only what falls inside the block (its gap holds markers and spacing).
    let po = u.old!.gap;
    let pn = u.new!.gap;
    for (const [k, t] of u.segments ?? []) {
      if (k === '-') {
        w.write('-', a, Math.max(po, u.old!.start), Math.max(po + t.length, u.old!.start), code);
        po += t.length;
      } else {
        w.write(k, b, Math.max(pn, u.new!.start), Math.max(pn + t.length, u.new!.start), code);
        pn += t.length;
        if (k === '=') po += t.length;
      }
    }
  }
  const html = w.done();
  if (type === 'heading') {
    const id = u.new ? block.anchor : block.anchor ? `old-${block.anchor}` : undefined;
    const h = `h${block.depth ?? 2}`;
    return { tag: h, html: `<${h}${id ? ` id="${esc(id)}"` : ''}>${html}</${h}>` };
  }
  if (code) return { tag: 'pre', html: `<pre><code>${html}</code></pre>` };
  if (type === 'tableRow') return { tag: 'tr', html: `<tr>${html}</tr>` };
  if (type === 'thematicBreak') return { tag: 'hr', html: '<hr>' };
  if (type === 'definition' || type === 'html') return { tag: '', html: '' };
  if (root === 'list') return { tag: 'li', html: `<li>${html}</li>` };
  if (root === 'blockquote') return { tag: 'blockquote', html: `<blockquote><p>${html}</p></blockquote>` };
  return { tag: 'p', html: `<p>${html}</p>` };
}

function rowHtml(row: Unit[], a: Side, b: Side): string {
  let out = '';
  let group = '';
  const wrap: Record<string, [string, string]> = { li: ['<ul>', '</ul>'], tr: ['<table><tbody>', '</tbody></table>'] };
  for (const u of row) {
    const { tag, html } = blockHtml(u, a, b);
    const g = tag in wrap ? tag : '';
    if (g !== group) {
      if (group) out += wrap[group]![1];
      if (g) out += wrap[g]![0];
      group = g;
    }
    out += html;
  }
  return group ? out + wrap[group]![1] : out;
}

/** The inline redline, as HTML, in the markup of the pages built ahead of time. */
export function liteRedline(diff: MarkdownDiff, a: Side, b: Side): string {
  const rows = groupRows(diff.units);
  const out: string[] = [];
  // Headings of sections with changes stay in view.
  const pinned = new Set(diff.sections.filter((s) => s.side === 'new' && s.anchor !== null).map((s) => s.anchor));
  const isPinned = (row: Unit[]) => row.length === 1 && row[0]!.kind === 'equal' && row[0]!.type === 'heading' && pinned.has(b.doc.blocks[row[0]!.new!.block]?.anchor ?? null);
  for (let k = 0; k < rows.length; ) {
    const row = rows[k]!;
    if (isPinned(row)) {
      out.push(`<div class="rl-context">${rowHtml(row, a, b)}</div>`);
      k++;
      continue;
    }
    if (row.some((u) => u.kind !== 'equal')) {
      const notes = row.filter((u) => u.move !== undefined).map((u) => `<p class="rl-note">${u.kind === 'deleted' ? 'Moved elsewhere.' : 'Moved here from elsewhere.'}</p>`);
      out.push(`<div class="rl-change">${rowHtml(row, a, b)}${notes.join('')}</div>`);
      k++;
      continue;
    }
    let m = k;
    const names: string[] = [];
    let html = '';
    while (m < rows.length && rows[m]!.every((u) => u.kind === 'equal') && !isPinned(rows[m]!)) {
      const r = rows[m]!;
      names.push(...new Set(r.map((u) => BLOCK_NAMES[b.doc.rootTypes[u.new!.root] ?? u.type] ?? 'block')));
      html += rowHtml(r, a, b);
      m++;
    }
    out.push(`<details class="rl-same"><summary>${esc(unchangedSummary(names))}</summary><div class="rl-text">${html}</div></details>`);
    k = m;
  }
  return `<div class="rl-redline rl-inline prose">${out.join('')}</div>`;
}

function summaryHtml(diff: MarkdownDiff): string {
  const s = diff.stats;
  const n = (x: number, one: string) => `${x} ${x === 1 ? one : `${one}s`}`;
  const target = (sec: ChangedSection) => (sec.anchor === null ? 'rl-top' : sec.side === 'old' ? `old-${sec.anchor}` : sec.anchor);
  const stats = s.blocksChanged === 0
    ? '<p>No words changed: only spacing or list numbering in the Markdown source.</p>'
    : `<ul class="rl-stats"><li><strong>${n(s.wordsInserted, 'word')}</strong> added</li><li><strong>${n(s.wordsDeleted, 'word')}</strong> removed</li><li><strong>${s.blocksChanged}</strong> paragraphs or items touched</li><li><strong>${n(s.sectionsChanged, 'section')}</strong> with changes</li></ul>`;
  const sections = diff.sections.length
    ? `<h2>Sections with changes</h2><ol class="rl-sections">${diff.sections
        .map((sec) => `<li><a href="#${esc(target(sec))}">${esc(sec.anchor === null ? 'Before the first heading' : sec.title)}</a>${sec.heading === 'inserted' ? '<span class="rl-tag"> new section</span>' : sec.heading === 'deleted' ? '<span class="rl-tag"> section removed</span>' : ''}</li>`)
        .join('')}</ol>`
    : '';
  return `<h2>In short</h2>${stats}${sections}`;
}

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
  const at = (d: string) => dates.indexOf(d);
  if (at(to) === at(from) + 1) {
    location.replace(`${base}${policy}/${to}/changes/`);
    return;
  }
  if (current && (from === current || to === current)) {
    location.replace(`${base}${policy}/compare/${from}...${to}/`);
    return;
  }
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    if (select) select.value = value;
  }
  say('Comparing the two versions…');
  const fetchText = (url: string) => fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: ${r.status}`))));
  Promise.all([from, to].flatMap((d) => [fetchText(`${base}${policy}/${d}.md`), fetchText(`${base}${policy}/compare/data/${d}.json`)]))
    .then(([rawA, dataA, rawB, dataB]) => {
      const side = (raw: string, json: string): Side => {
        const data = JSON.parse(json) as RevisionData;
        const text = raw.slice(data.bodyStart);
        if (text.length !== data.length) throw new Error('the revision does not match its data');
        return { doc: { text, blocks: data.blocks, roots: data.roots, rootTypes: data.rootTypes }, cls: decodeClasses(data.cls, data.length) };
      };
      const a = side(rawA!, dataA!);
      const b = side(rawB!, dataB!);
      const diff = diffBlocks(a.doc, b.doc);
      const label = (d: string) => form.querySelector<HTMLOptionElement>(`option[value="${d}"]`)?.textContent ?? d;
      result.innerHTML =
        `<h2 id="rl-top">From the version effective ${esc(label(from))} to the version effective ${esc(label(to))}</h2>` +
        summaryHtml(diff) +
        `<h2>The changes, in the text</h2><div class="rl-legend" role="note"><p><strong>How to read the changes.</strong> Text <ins>added</ins> is underlined; text <del>removed</del> is struck through. Unchanged passages are folded: open them to read them. Formatting (bold, links) is not shown here; the versions’ own pages show it.</p></div>` +
        (diff.stats.identical ? '<p>The two versions have the same text.</p>' : liteRedline(diff, a, b));
      document.title = `${label(from)} compared with ${label(to)} · ${document.title}`;
      result.querySelector('h2')?.setAttribute('tabindex', '-1');
      result.querySelector<HTMLElement>('h2')?.focus();
    })
    .catch(() => say('The two versions could not be compared here. Try again, or open each version from the history.'));
}
