/**
 * The strings of the redline (src/core/diff/markup.ts, render.ts, rows.ts,
 * summary.ts), one table per language: its summary, legend, notes and move
 * labels. Apart from the rest of the interface's strings
 * (src/core/i18n/strings.ts, whose `redline` they are), because the compare
 * page's script ships the renderer to the browser, and with it only these.
 */
export interface RedlineStrings {
  /** "1 word", "12 words"; 「1語」. */
  words: (n: number) => string;
  /** The summary's counts: "no words", "12 words"; 「0語」. */
  statWords: (n: number) => string;
  /** "12 words added, 3 removed", "no wording change": the history's counts and each section's. */
  wordsChanged: (inserted: number, deleted: number) => string;
  /** The summary's folded line on a phone: "in 3 sections"; "3 sections" after "Sections with changes". */
  inSections: (n: number) => string;
  sectionCount: (n: number) => string;
  inShort: string;
  sameText: string;
  invisibleOnly: string;
  spacingOnly: string;
  added: string;
  removed: string;
  touched: (n: number, kinds: string) => string;
  withChanges: (n: number) => string;
  sectionsWithChanges: string;
  beforeFirstHeading: string;
  kinds: Record<'changed' | 'added' | 'removed' | 'moved', (n: number) => string>;
  movedNoWords: string;
  movedSpacing: string;
  noVisible: string;
  formatting: string;
  tags: Record<'inserted' | 'deleted' | 'movedHere' | 'movedAway', string>;
  views: string;
  inline: string;
  sideBySide: string;
  /** What the marks mean, in a line or two (HTML). */
  legend: string;
  /** Before each change of the inline view: "Change 2 of 5", links to the previous and next (with words for a screen reader after them). */
  step: { of: (n: number, total: number) => string; previous: string; next: string; hidden: string };
  nothing: string;
  before: string;
  after: string;
  beforeLabel: (label: string) => string;
  afterLabel: (label: string) => string;
  notInVersion: string;
  removedBlock: string;
  theChanges: string;
  /** A fold's summary: the unchanged blocks a reader sees, by kind (`total` of them); none: only notes in the Markdown source. */
  unchanged: (blocks: ReadonlyMap<string, number>, total: number) => string;
  sourceOnly: (what: 'html' | 'definition' | 'spacing', how: 'inserted' | 'deleted' | 'changed') => string;
  rewritten: string;
  syntaxChanged: string;
  movedHereFrom: (whence: string) => string;
  movedTo: (where: string) => string;
  theBeginning: string;
  item: (n: number) => string;
  above: string;
  below: string;
  quoted: (title: string) => string;
  feedHowTo: string;
  atTheBeginning: string;
  sectionRemoved: string;
  newSection: string;
}

const wordsEn = (n: number): string => `${n.toLocaleString('en')} ${n === 1 ? 'word' : 'words'}`;
const listEn = (items: readonly string[]): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));
const wordsJa = (n: number): string => `${n.toLocaleString('ja')}語`;

export const REDLINE_EN: RedlineStrings = {
  words: wordsEn,
  statWords: (n) => (n === 0 ? 'no words' : wordsEn(n)),
  wordsChanged: (ins, del) => {
    if (ins === 0 && del === 0) return 'no wording change';
    if (del === 0) return `${wordsEn(ins)} added`;
    if (ins === 0) return `${wordsEn(del)} removed`;
    return `${wordsEn(ins)} added, ${del.toLocaleString('en')} removed`;
  },
  inSections: (n) => `in ${n.toLocaleString('en')} ${n === 1 ? 'section' : 'sections'}`,
  sectionCount: (n) => `${n.toLocaleString('en')} ${n === 1 ? 'section' : 'sections'}`,
  inShort: 'In short',
  sameText: 'The two versions have the same text.',
  invisibleOnly: 'No visible change: only the Markdown source changed (an HTML comment or a link definition), which readers do not see.',
  spacingOnly: 'No words changed: only spacing or list numbering in the Markdown source.',
  added: 'added',
  removed: 'removed',
  touched: (n, kinds) => `<strong>${n.toLocaleString('en')} ${n === 1 ? 'paragraph or item' : 'paragraphs or items'}</strong> touched (${kinds})`,
  withChanges: (n) => `<strong>${n.toLocaleString('en')} ${n === 1 ? 'section' : 'sections'}</strong> with changes`,
  sectionsWithChanges: 'Sections with changes',
  beforeFirstHeading: 'Before the first heading',
  kinds: {
    changed: (n) => `${n.toLocaleString('en')} changed`,
    added: (n) => `${n.toLocaleString('en')} added`,
    removed: (n) => `${n.toLocaleString('en')} removed`,
    moved: (n) => `${n.toLocaleString('en')} moved`,
  },
  movedNoWords: 'moved, no words changed',
  movedSpacing: 'moved; only spacing changed otherwise',
  noVisible: 'no visible change (Markdown source only)',
  formatting: 'formatting or spacing',
  tags: { inserted: 'new section', deleted: 'section removed', movedHere: 'section moved here', movedAway: 'section moved away' },
  views: 'Views of the changes',
  inline: 'Inline',
  sideBySide: 'Side by side',
  legend: '<ins class="rl-sample">Added text</ins> is underlined, <del class="rl-sample">removed text</del> struck through; unchanged passages are folded.',
  step: { of: (n, total) => `Change ${n} of ${total}`, previous: 'Previous', next: 'Next', hidden: ' change' },
  nothing: 'There is nothing to show: the two versions have the same text.',
  before: 'Before',
  after: 'After',
  beforeLabel: (l) => `Before: ${l}`,
  afterLabel: (l) => `After: ${l}`,
  notInVersion: '(not in this version)',
  removedBlock: '(removed)',
  theChanges: 'The changes',
  unchanged: (counts, total) => {
    if (counts.size === 0) return 'Notes in the Markdown source, not shown on the page';
    const plural = (name: string, n: number) => `${n} ${n === 1 ? name : /(?:s|x|sh|ch)$/.test(name) ? `${name}es` : `${name}s`}`;
    if (counts.size === 1) {
      const [[name, n]] = [...counts] as [[string, number]];
      return `${n} unchanged ${plural(name, n).replace(/^\d+ /, '')}`;
    }
    return `${total} unchanged blocks: ${listEn([...counts].map(([name, n]) => plural(name, n)))}`;
  },
  sourceOnly: (what, how) =>
    `No visible change: ${what === 'html' ? 'an HTML comment' : what === 'definition' ? 'a link definition' : 'spacing'} ${how === 'inserted' ? 'added to' : how === 'deleted' ? 'removed from' : 'changed in'} the Markdown source.`,
  rewritten: 'Rewritten: shown as deleted and inserted whole.',
  syntaxChanged: 'Formatting or a link address changed here too.',
  movedHereFrom: (w) => `Moved here from ${w}`,
  movedTo: (w) => (w === 'below' || w === 'above' ? `Moved ${w}` : `Moved to ${w}`),
  theBeginning: 'the beginning',
  item: (n) => `item ${n}`,
  above: 'above',
  below: 'below',
  quoted: (t) => `“${t}”`,
  feedHowTo: '<p><em>How to read the changes:</em> deleted text is struck through and marked [− …]; inserted text is underlined and marked [+ …].</p>',
  atTheBeginning: 'At the beginning',
  sectionRemoved: ' (section removed)',
  newSection: ' (new section)',
};

export const REDLINE_JA: RedlineStrings = {
  words: wordsJa,
  statWords: wordsJa,
  wordsChanged: (ins, del) => {
    if (ins === 0 && del === 0) return '語句の変更なし';
    if (del === 0) return `${wordsJa(ins)}追加`;
    if (ins === 0) return `${wordsJa(del)}削除`;
    return `${wordsJa(ins)}追加、${wordsJa(del)}削除`;
  },
  inSections: (n) => `（${n.toLocaleString('ja')}節）`,
  sectionCount: (n) => `${n.toLocaleString('ja')}節`,
  inShort: '概要',
  sameText: '2つの版の本文は同じです。',
  invisibleOnly: '表示上の変更はありません。読者には見えない Markdown 原文（HTML コメントまたはリンク定義）のみが変更されました。',
  spacingOnly: '語句の変更はありません。Markdown 原文の空白またはリストの番号のみが変更されました。',
  added: '追加',
  removed: '削除',
  touched: (n, kinds) => `<strong>${n.toLocaleString('ja')}個の段落または項目</strong>に変更（${kinds}）`,
  withChanges: (n) => `変更のある節：<strong>${n.toLocaleString('ja')}</strong>`,
  sectionsWithChanges: '変更のある節',
  beforeFirstHeading: '最初の見出しの前',
  kinds: {
    changed: (n) => `変更${n.toLocaleString('ja')}`,
    added: (n) => `追加${n.toLocaleString('ja')}`,
    removed: (n) => `削除${n.toLocaleString('ja')}`,
    moved: (n) => `移動${n.toLocaleString('ja')}`,
  },
  movedNoWords: '移動（語句の変更なし）',
  movedSpacing: '移動（その他は空白のみ変更）',
  noVisible: '表示上の変更なし（Markdown 原文のみ）',
  formatting: '書式または空白',
  tags: { inserted: '新しい節', deleted: '削除された節', movedHere: 'ここへ移動した節', movedAway: '別の場所へ移動した節' },
  views: '変更点の表示方法',
  inline: '本文中に表示',
  sideBySide: '左右に並べて表示',
  legend: '<ins class="rl-sample">追加された語句</ins>には下線、<del class="rl-sample">削除された語句</del>には取り消し線が引かれています。変更のない部分は折りたたまれています。',
  step: { of: (n, total) => `変更 ${n}（全${total}件）`, previous: '前の変更', next: '次の変更', hidden: '' },
  nothing: '表示する変更はありません。2つの版の本文は同じです。',
  before: '変更前',
  after: '変更後',
  beforeLabel: (l) => `変更前：${l}`,
  afterLabel: (l) => `変更後：${l}`,
  notInVersion: '（この版にはありません）',
  removedBlock: '（削除）',
  theChanges: '変更点',
  unchanged: (counts, total) => {
    const names: Record<string, string> = { paragraph: '段落', heading: '見出し', list: 'リスト', table: '表', quotation: '引用', 'code block': 'コードブロック', passage: '箇所', rule: '区切り線', 'link definition': 'リンク定義', footnote: '脚注', block: 'ブロック' };
    const name = (n: string) => names[n] ?? n;
    if (counts.size === 0) return 'Markdown 原文の注記（ページには表示されません）';
    if (counts.size === 1) {
      const [[n, k]] = [...counts] as [[string, number]];
      return `変更のない${name(n)}（${k}）`;
    }
    return `変更のないブロック（${total}）：${[...counts].map(([n, k]) => `${name(n)}${k}`).join('、')}`;
  },
  sourceOnly: (what, how) =>
    `表示上の変更はありません：Markdown 原文の${what === 'html' ? 'HTML コメント' : what === 'definition' ? 'リンク定義' : '空白'}が${how === 'inserted' ? '追加' : how === 'deleted' ? '削除' : '変更'}されました。`,
  rewritten: '書き換え：全体を削除・追加として表示しています。',
  syntaxChanged: 'ここでは書式またはリンク先も変更されています。',
  movedHereFrom: (w) => `${w}からここへ移動`,
  movedTo: (w) => (w === '下' || w === '上' ? `${w}へ移動` : `${w}へ移動`),
  theBeginning: '冒頭',
  item: (n) => `項目${n}`,
  above: '上',
  below: '下',
  quoted: (t) => `「${t}」`,
  feedHowTo: '<p><em>変更点の見方：</em>削除された語句には取り消し線と [− …] の印が、追加された語句には下線と [+ …] の印が付いています。</p>',
  atTheBeginning: '冒頭',
  sectionRemoved: '（削除された節）',
  newSection: '（新しい節）',
};

const TABLES: Record<string, RedlineStrings> = { en: REDLINE_EN, ja: REDLINE_JA };

/** The redline's strings in a language: its own table, else (a language without one) English (as stringsFor). */
export function redlineStringsFor(lang: string): RedlineStrings {
  return TABLES[lang] ?? TABLES[lang.split('-')[0]!.toLowerCase()] ?? REDLINE_EN;
}
