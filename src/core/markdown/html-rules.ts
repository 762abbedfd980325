/**
 * The rules on raw HTML in a revision, applied to the HTML as a browser reads
 * it rather than to its spelling: the text goes through the HTML standard's
 * tokenizer (parse5's), so character references are decoded, comments end
 * where a browser ends them (`<!-->`, `--!>`), quoted attribute values may
 * hold `>`, and duplicate attributes are dropped as a browser drops them.
 *
 * Every start tag the tokenizer meets is checked, including the ones tree
 * construction would later drop or merge (a `<body onload=…>` in a policy
 * adds its handler to the page's own body). Only the elements listed in
 * FORBIDDEN_ELEMENTS make the tokenizer change state (raw text, script data,
 * foreign content): they are refused, and scanning stops at the first
 * problem, so the token stream it reads is the one a browser would.
 */
import { Tokenizer, type Token } from 'parse5';

export interface HtmlProblem {
  message: string;
  hint: string;
  /** The line of the offending tag, counted from 1 in the HTML scanned. */
  line: number;
}

/**
 * Elements a revision may not contain: they run code (script, noscript,
 * frames, plugins, template), style or submit (style, forms), change the page
 * around the policy (link, meta, base, title, and html/head/body, whose
 * attributes a browser merges into the page's own), swallow the rest of the
 * page as text (plaintext, xmp, noembed, noframes), or switch the parser to
 * other rules (svg, math). Every element that makes an HTML tokenizer leave
 * its data state is here, which is what lets htmlProblem read tokens alone.
 */
export const FORBIDDEN_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'noscript', 'template', 'slot', 'portal', 'fencedframe',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param',
  'style', 'link', 'meta', 'base', 'title', 'html', 'head', 'body',
  'form', 'input', 'button', 'textarea', 'select', 'keygen', 'isindex',
  'plaintext', 'xmp', 'noembed', 'noframes',
  'svg', 'math',
]);

/** Attributes whose value is a URL (or, for srcset and ping, a list of them): checked for javascript:, vbscript: and data:. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'imagesrcset', 'action', 'formaction', 'poster', 'background', 'ping', 'cite', 'data',
  'xlink:href', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'longdesc', 'usemap', 'profile', 'classid', 'archive', 'icon',
]);

/** Attributes a browser fetches as soon as the page loads (or, for ping, when a link is followed): each URL must be the site's own. */
const RESOURCE_ATTRIBUTES = new Set(['src', 'srcset', 'imagesrcset', 'poster', 'background', 'ping', 'data', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'archive']);

/** Elements whose href (or xlink:href) is fetched rather than followed. */
const RESOURCE_HREF_ELEMENTS = new Set(['link', 'image', 'use', 'feimage', 'script']);

/** Attributes that hold lists of URLs rather than one. */
const LISTS: Record<string, (value: string) => string[]> = {
  srcset: srcsetUrls,
  imagesrcset: srcsetUrls,
  ping: (v) => v.split(/[\t\n\f\r ]+/).filter(Boolean),
  archive: (v) => v.split(/[\t\n\f\r ,]+/).filter(Boolean),
};

const BAD_SCHEMES = ['javascript', 'vbscript', 'data'];

export const HINTS = {
  element: 'policies may not embed scripts, frames, forms or styles; write the text in Markdown',
  handler: 'remove the attribute; policies may not run scripts',
  style: 'the site’s Content-Security-Policy applies no inline styles, and CSS can load from other sites: write the text in Markdown',
  scheme: 'link to an https:// address or a page of this site',
  remoteImage: 'the site makes no third-party requests: put the image in public/ and write its address from the site root, such as /images/chart.png',
  remote: 'the site makes no third-party requests: put the file in public/ and write its address from the site root, such as /images/chart.png',
  open: 'close it (with ">" or "-->") within the block, before any blank line: left open, it would take in the text that follows it',
  relativeImage: 'a policy folder holds only its revisions: put the image in public/ and write its address from the site root, such as /images/chart.png',
  relative: 'a policy folder holds only its revisions: put the file in public/ and write its address from the site root, such as /images/chart.png',
} as const;

/**
 * The javascript:, vbscript: or data: scheme of a URL, lower-cased, or
 * undefined. The URL is read as a browser reads it: C0 control characters
 * and spaces are dropped wherever they are (a browser drops tabs and line
 * breaks anywhere and the others around the URL; dropping them everywhere
 * refuses a little more, never less).
 */
export function unsafeScheme(url: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]+/g, ''))?.[1]?.toLowerCase();
  return scheme && BAD_SCHEMES.includes(scheme) ? scheme : undefined;
}

/**
 * Where a URL that a page fetches points: `remote` (another site: any
 * scheme, or `//host`), `site` (root-relative, served by the site), or
 * `relative` (beside the page, which the site cannot serve for a revision).
 * Tabs and line breaks anywhere and control characters and spaces around it
 * are dropped and `\` read as `/`, as a browser does for http(s) addresses,
 * so `/\evil.example/x.png` is remote. An empty URL fetches nothing: `none`.
 */
export function urlTarget(url: string): 'remote' | 'site' | 'relative' | 'none' {
  const u = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/\\/g, '/');
  if (u === '') return 'none';
  if (/^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith('//')) return 'remote';
  return u.startsWith('/') ? 'site' : 'relative';
}

export interface HtmlOptions {
  /** Let a rendered task list's checkbox through (for rendered pages, never for what an author wrote). */
  taskCheckbox?: boolean;
  /** The site's own absolute address (ending in `/`): a fetched URL under it is the site's, not another site's (feeds, whose addresses are absolute). */
  site?: string;
}

/**
 * The first problem in a piece of raw HTML, or undefined: one problem per
 * piece, in this order within the first offending tag: a forbidden element,
 * an event handler (any attribute named on…), a style attribute, a URL with
 * the javascript:, vbscript: or data: scheme, a fetched URL from another
 * site, a fetched URL relative to the page. Last, a piece that ends inside a
 * tag, a comment or a doctype: whatever the page puts after it (the next
 * block, or the other revision's text in a redline) would be read as part of
 * it, so a quote left open here could turn harmless text there into an
 * attribute.
 *
 * `taskCheckbox`: a disabled checkbox (`<input type="checkbox" disabled>`,
 * what Markdown's task lists render) is let through; for checking rendered
 * pages, never for what an author wrote.
 */
export function htmlProblem(html: string, options: HtmlOptions = {}): HtmlProblem | undefined {
  let found: HtmlProblem | undefined;
  /** Whether the text ended inside a tag, comment or doctype; and where the last token read ended. */
  let open = false;
  let lastEnd = 0;
  const seen = (token: Token.Token) => {
    if (token.location) lastEnd = Math.max(lastEnd, token.location.endOffset);
  };
  // A comment (or bogus comment: <!x, <?x) or doctype closed by the end of the text rather than a ">".
  const closed = (token: Token.CommentToken | Token.DoctypeToken) => {
    if (token.location && token.location.endOffset >= html.length && !html.endsWith('>')) open = true;
    else seen(token);
  };
  const tokenizer = new Tokenizer(
    { sourceCodeLocationInfo: true },
    {
      onStartTag(token: Token.TagToken) {
        seen(token);
        if (found) return;
        const problem = tagProblem(token.tagName, token.attrs, options);
        if (problem) {
          found = { ...problem, line: token.location?.startLine ?? 1 };
          tokenizer.pause();
        }
      },
      onParseError(error) {
        if (error.code === 'eof-in-tag' || error.code === 'eof-in-comment' || error.code === 'eof-in-doctype' || error.code === 'eof-in-cdata') open = true;
      },
      onComment: closed,
      onDoctype: closed,
      onEndTag: seen,
      onCharacter: seen,
      onNullCharacter: seen,
      onWhitespaceCharacter: seen,
      onEof: () => {},
    },
  );
  tokenizer.write(html, true);
  if (found || !open) return found;
  // What is left open begins at the first "<" after the last token read whole.
  const start = html.indexOf('<', lastEnd);
  return { message: 'raw HTML ends inside a tag or comment', hint: HINTS.open, line: html.slice(0, start < 0 ? lastEnd : start).split('\n').length };
}

/** Elements that never hold others (the HTML standard's void elements): a start tag opens nothing. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'image', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen', 'param']);

/**
 * How deep raw HTML nests elements, read as a browser's tokenizer reads it:
 * each start tag of an element that holds others opens one more level (a
 * self-closing slash does not close it, as in a browser), an end tag closes
 * the innermost element of its name and every one inside it. The chunks are
 * read in order with one stack, as the raw HTML blocks of a body end up in
 * one page. The line (of the chunk's own count) of the first tag deeper than
 * `limit`, or undefined. The rendering libraries recurse once per level: a
 * few thousand levels exhaust their stack.
 */
export function htmlTooDeep(chunks: ReadonlyArray<{ html: string; line: number }>, limit: number): number | undefined {
  const stack: string[] = [];
  for (const { html, line } of chunks) {
    let deep: number | undefined;
    const tokenizer = new Tokenizer(
      { sourceCodeLocationInfo: true },
      {
        onStartTag(token: Token.TagToken) {
          if (VOID_ELEMENTS.has(token.tagName)) return;
          stack.push(token.tagName);
          if (stack.length > limit && deep === undefined) {
            deep = line + (token.location?.startLine ?? 1) - 1;
            tokenizer.pause();
          }
        },
        onEndTag(token: Token.TagToken) {
          const at = stack.lastIndexOf(token.tagName);
          if (at >= 0) stack.length = at;
        },
        onParseError() {},
        onComment() {},
        onDoctype() {},
        onCharacter() {},
        onNullCharacter() {},
        onWhitespaceCharacter() {},
        onEof() {},
      },
    );
    tokenizer.write(html, true);
    if (deep !== undefined) return deep;
  }
  return undefined;
}

function tagProblem(tagName: string, attrs: Token.Attribute[], options: HtmlOptions): Omit<HtmlProblem, 'line'> | undefined {
  // The tree builder turns <image> into <img>.
  const tag = tagName === 'image' ? 'img' : tagName;
  if (FORBIDDEN_ELEMENTS.has(tag) && !(options.taskCheckbox && isTaskCheckbox(tag, attrs))) {
    return { message: `raw HTML <${tag}> is not allowed`, hint: HINTS.element };
  }
  if (attrs.some((a) => a.name.startsWith('on'))) {
    return { message: 'raw HTML with an event handler (on...=) is not allowed', hint: HINTS.handler };
  }
  if (attrs.some((a) => a.name === 'style')) {
    return { message: 'raw HTML with a style attribute is not allowed', hint: HINTS.style };
  }
  const urls = (a: Token.Attribute) => (LISTS[a.name] ?? ((v: string) => [v]))(a.value);
  if (attrs.some((a) => URL_ATTRIBUTES.has(a.name) && (unsafeScheme(a.value) || urls(a).some((u) => unsafeScheme(u))))) {
    return { message: 'raw HTML with a javascript:, vbscript: or data: URL is not allowed', hint: HINTS.scheme };
  }
  const image = tag === 'img';
  let relative: Omit<HtmlProblem, 'line'> | undefined;
  for (const a of attrs) {
    const fetched = RESOURCE_ATTRIBUTES.has(a.name) || ((a.name === 'href' || a.name === 'xlink:href') && RESOURCE_HREF_ELEMENTS.has(tagName));
    if (!fetched) continue;
    for (const url of urls(a)) {
      const target = options.site && url.trim().startsWith(options.site) ? 'site' : urlTarget(url);
      if (target === 'remote') {
        return image && a.name !== 'ping'
          ? { message: 'an image from another site is not allowed', hint: HINTS.remoteImage }
          : { message: `raw HTML <${tag} ${a.name}="${shorten(url)}"> makes a request to another site, which is not allowed`, hint: HINTS.remote };
      }
      if (target === 'relative') {
        relative ??= image && a.name !== 'ping'
          ? { message: `image "${shorten(url.trim())}" has a relative address, which the site cannot serve`, hint: HINTS.relativeImage }
          : { message: `raw HTML <${tag} ${a.name}="${shorten(url.trim())}"> has a relative address, which the site cannot serve`, hint: HINTS.relative };
      }
    }
  }
  return relative;
}

/** What Markdown's task list items render: a disabled checkbox, perhaps checked, and nothing else. */
function isTaskCheckbox(tag: string, attrs: Token.Attribute[]): boolean {
  if (tag !== 'input') return false;
  const names = new Set(attrs.map((a) => a.name));
  return attrs.some((a) => a.name === 'type' && a.value.toLowerCase() === 'checkbox') && names.has('disabled') && [...names].every((n) => n === 'type' || n === 'disabled' || n === 'checked');
}

/**
 * The URLs of a srcset (or imagesrcset): image candidates separated by
 * commas, each a URL and optional descriptors, split as the HTML standard's
 * algorithm splits them (a URL may itself hold commas; a comma ending it
 * ends the candidate).
 */
function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  const space = /[\t\n\f\r ]/;
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (space.test(value[i]!) || value[i] === ',')) i++;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !space.test(value[i]!)) i++;
    let url = value.slice(start, i);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Descriptors run to the next comma outside parentheses.
      let depth = 0;
      while (i < value.length && !(value[i] === ',' && depth === 0)) {
        if (value[i] === '(') depth++;
        else if (value[i] === ')' && depth > 0) depth--;
        i++;
      }
    }
    urls.push(url);
  }
  return urls;
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
