// segment-ja.ts (in the browser, segment-ja-browser.ts: its model fetched when a text needs it).
import { segmentJapanese } from '#segment-ja';

/**
 * Splits text into the tokens the word diff works on. Joining the tokens of a
 * text gives the text back, byte for byte.
 *
 * - a URL (`https://…`, `www.…`) is one token: a changed address is marked
 *   whole, as a reader would name it;
 * - a run of letters, digits and combining marks is one token (a word);
 *   a run of Japanese (and Chinese) letters, written without spaces between
 *   words, is split into words by a pure-JavaScript segmenter
 *   (segment-ja.ts), the same in Node and in every browser (where its model
 *   is fetched first: segment-ja-browser.ts);
 * - a run of whitespace is one token;
 * - any other character (punctuation, symbols, Markdown syntax) is one token,
 *   so that "data," → "information," marks the word and not the comma.
 */
const TOKEN_RE = /(?:https?:\/\/|www\.)[^\s<>"'`()[\]{}|\\^]*[^\s<>"'`()[\]{}|\\^.,;:!?*_~]|(?:(?=[\p{L}\p{N}\p{M}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])+|(?:(?![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])[\p{L}\p{N}\p{M}])+|\s+|[\s\S]/gu;
/** Whether a text has a letter the segmenter may be asked about (the browser fetches its model first). */
export const HAS_CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;

/** A run of Japanese or Chinese letters (punctuation such as 、。「」 is not part of it). */
const CJK_RUN = /^(?:(?=[\p{L}\p{N}\p{M}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])+$/u;

export function tokenize(text: string): string[] {
  const found = text.match(TOKEN_RE);
  if (!found) return [];
  const out: string[] = [];
  for (const t of found) {
    if (t.length > 1 && t.charCodeAt(0) >= 0x2e80 && CJK_RUN.test(t)) for (const w of segmentJapanese(t)) out.push(w);
    else out.push(t);
  }
  return out;
}

const WORD_START = /^[\p{L}\p{N}]/u;
const SPACE = /^\s/;

/** A token that is a word (or a URL), as opposed to space or punctuation. */
export function isWordToken(token: string): boolean {
  return WORD_START.test(token);
}

export function isSpaceToken(token: string): boolean {
  return SPACE.test(token);
}

const URL_AT = /(?:https?:\/\/|www\.)[^\s<>"'`()[\]{}|\\^]*[^\s<>"'`()[\]{}|\\^.,;:!?*_~]/y;
const LETTER = /[\p{L}\p{N}\p{M}]/u;
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;

/** 0: not part of a word; 1: letter or digit; 2: a character that is a word by itself (Chinese, Japanese). */
function wordClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  if (!LETTER.test(ch)) return 0;
  return CJK.test(ch) ? 2 : 1;
}

/**
 * Words as people count them: runs of letters and digits, joined by an
 * apostrophe, hyphen or dot inside the word ("don't", "e-mail", "3.5"). A URL
 * counts as one word; a run of Japanese (or Chinese) letters counts the words
 * the segmenter finds in it (「個人情報を第三者に提供しません」: 10).
 */
export function countWords(text: string): number {
  let n = 0;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const k = wordClass(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    n++;
    const c = text.charCodeAt(i);
    if (c === 104 || c === 119) {
      URL_AT.lastIndex = i;
      if (URL_AT.test(text)) {
        i = URL_AT.lastIndex;
        continue;
      }
    }
    if (k === 2) {
      let j = i;
      while (j < len && wordClass(text, j) === 2) j += text.charCodeAt(j) >= 0xd800 && text.charCodeAt(j) <= 0xdbff ? 2 : 1;
      n += segmentJapanese(text.slice(i, j)).length - 1;
      i = j;
      continue;
    }
    for (;;) {
      while (i < len && wordClass(text, i) === 1) i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
      const j = text.charCodeAt(i);
      // an apostrophe, hyphen or dot between two letters keeps the word going
      if ((j === 39 || j === 0x2019 || j === 45 || j === 46) && i + 1 < len && wordClass(text, i + 1) === 1) {
        i++;
        continue;
      }
      break;
    }
  }
  return n;
}

/** Number of Unicode code points (what a reader calls characters). */
export function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Gives each distinct token a small integer, shared by both sides of a diff. */
export class Interner {
  readonly ids = new Map<string, number>();
  id(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
    }
    return id;
  }
  all(tokens: readonly string[]): number[] {
    const out = new Array<number>(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.id(tokens[i]!);
    return out;
  }
}
