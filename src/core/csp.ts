/**
 * The site's Content-Security-Policy: every page may load things from the
 * site itself and nothing from anywhere else. The same policy is sent as a
 * `<meta http-equiv>` tag on every page (src/astro/layouts/Standalone.astro) and as a
 * header by hosts that read `_headers` (src/client/_headers; a test keeps the two equal).
 *
 * - No inline scripts or styles: the pages load one stylesheet and, where a
 *   page has an enhancement, a script file from /scripts/.
 * - `'wasm-unsafe-eval'` lets the search page compile Pagefind's WebAssembly
 *   (fetched from /pagefind/ on the site itself). It allows no JavaScript
 *   `eval`, and no other page loads WebAssembly.
 * - `frame-ancestors` only works as a header (browsers ignore it, with a console
 *   warning, in a meta tag), so it is in `_headers` alone.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['style-src', "'self'"],
  ['img-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** The policy as the meta tag carries it. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The policy as the `_headers` file carries it: the same, plus what only a header can say. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
