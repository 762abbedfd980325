import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { headersFor, LINK_FORMAT, parseHeaderRules, parseHttpDate, parseLinks, selectMemento, formatLink, type HeaderRule } from '../core/memento.ts';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.lock': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/** Files without an extension that the site has: a policy's Memento TimeMap, and the host's `_headers`. */
const NAMED_TYPES: Record<string, string> = { timemap: LINK_FORMAT, _headers: 'text/plain; charset=utf-8' };

export interface StaticOptions {
  /** Send the headers of the site's `_headers` file, as Netlify and Cloudflare Pages do (default true). */
  headers?: boolean;
  /** Act as a Memento TimeGate for each policy's page (default true). */
  timegate?: boolean;
}

/**
 * A small static file server for a built site, as a static host serves it:
 * `/path/` serves `path/index.html`, unknown paths get `404.html` with status 404.
 * `base` is the site's sub-path, if any (such as `/docs`).
 *
 * Like Netlify and Cloudflare Pages, it sends the headers the site's
 * `_headers` file gives each path (read once, when the server starts), and,
 * as the edge function of docs/how-to/memento.md does, it is the Memento
 * TimeGate (RFC 7089) of every policy: a request for `/<policy>/` with an
 * `Accept-Datetime` header is redirected (302) to the revision in force at
 * that moment, read from the policy's TimeMap (`/<policy>/timemap`).
 */
export function serveStatic(root: string, base = '', options: StaticOptions = {}): Server {
  const top = resolve(root);
  // Requests are compared decoded (`/a b/`), as the base's folder is on disk; `base` may be written either way.
  let prefix = base.replace(/\/$/, '');
  try {
    prefix = decodeURIComponent(prefix);
  } catch {
    // not percent-encoded: as written
  }
  const headersFile = join(top, '_headers');
  const rules: HeaderRule[] = options.headers !== false && existsSync(headersFile) ? parseHeaderRules(readFileSync(headersFile, 'utf8')) : [];
  return createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    if (prefix && (path === prefix || path.startsWith(prefix + '/'))) path = path.slice(prefix.length) || '/';
    let file = normalize(join(top, path));
    if (file !== top && !file.startsWith(top + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${encodeURI(prefix)}${encodeURI(path)}/` }).end();
        return;
      }
      if (options.timegate !== false && timeGate(req, res, top, prefix, path)) return;
      file = join(file, 'index.html');
    }
    let status = 200;
    if (!existsSync(file) || !statSync(file).isFile()) {
      status = 404;
      // The nearest 404.html up the tree, as static hosts serve it (/ja/404.html for a page under /ja/).
      let dir = dirname(file);
      while (dir !== top && dir.startsWith(top + sep) && !existsSync(join(dir, '404.html'))) dir = dirname(dir);
      file = join(dir.startsWith(top) ? dir : top, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
    }
    res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? NAMED_TYPES[basename(file)] ?? 'application/octet-stream');
    if (status === 200) for (const { name, value } of headersFor(rules, path).values()) appendHeader(res, name, value);
    res.writeHead(status);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
}

/**
 * Sets a header from `_headers` over the server's own (its content type), as hosts do; a `Link`
 * is added to the TimeGate's own links instead, since both lists hold.
 */
function appendHeader(res: ServerResponse, name: string, value: string): void {
  const had = res.getHeader(name);
  if (had === undefined || name.toLowerCase() !== 'link') res.setHeader(name, value);
  else if (!String(had).includes(value)) res.setHeader(name, `${String(had)}, ${value}`);
}

/**
 * The TimeGate of the policy whose page `path` is, if it has a TimeMap: with
 * an `Accept-Datetime` header, a 302 to the memento in force then (400 for a
 * header that is not an HTTP date); without one, the page is served as it
 * is, naming itself as its own TimeGate. True when it has answered.
 */
function timeGate(req: IncomingMessage, res: ServerResponse, top: string, prefix: string, path: string): boolean {
  const timemapFile = join(top, path, 'timemap');
  if (!/^\/[a-z0-9]+(?:-[a-z0-9]+)*\/$/.test(path) || !existsSync(timemapFile)) return false;
  const links = parseLinks(readFileSync(timemapFile, 'utf8'));
  const original = links.find((l) => l.rel.includes('original'))?.href;
  const self = links.find((l) => l.rel.includes('self'))?.href;
  if (!original || !self) return false;
  const gate = [formatLink({ href: original, rel: ['original', 'timegate'], params: {} }), formatLink({ href: self, rel: ['timemap'], params: { type: LINK_FORMAT } })];
  res.setHeader('vary', 'accept-datetime');
  const asked = req.headers['accept-datetime'];
  if (asked === undefined) {
    // Served as the page; the Link header says where its TimeGate and TimeMap are.
    res.setHeader('link', gate.join(', '));
    return false;
  }
  const at = parseHttpDate(Array.isArray(asked) ? asked[0]! : asked);
  if (at === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', link: gate.join(', ') });
    res.end('Accept-Datetime must be an HTTP date, such as "Sun, 30 Jun 2024 15:00:00 GMT" (RFC 7089).\n');
    return true;
  }
  const memento = selectMemento(links, at);
  if (!memento) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', link: gate.join(', ') });
    res.end('This policy has no version in force yet.\n');
    return true;
  }
  // The TimeMap names the site's public addresses; this server redirects to its own.
  const siteRoot = original.slice(0, original.length - path.length + 1);
  const location = memento.href.startsWith(siteRoot) ? `${encodeURI(prefix)}/${memento.href.slice(siteRoot.length)}` : memento.href;
  res.writeHead(302, {
    location,
    'content-type': 'text/plain; charset=utf-8',
    link: [...gate, formatLink({ href: memento.href, rel: ['memento'], params: { datetime: memento.params.datetime! } })].join(', '),
  });
  res.end(`The version in force then: ${memento.href}\n`);
  return true;
}
