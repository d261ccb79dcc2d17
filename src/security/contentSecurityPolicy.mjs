// @ts-check
/**
 * The site's Content-Security-Policy, in one place: the build writes it into
 * every page as a <meta> (with the hashes of that page's inline scripts), the
 * site server sends it as a header, and `_headers` carries it for static
 * hosts that read that file (Netlify, Cloudflare Pages).
 *
 * script-src has no 'unsafe-eval': nothing on this site may turn a string
 * into code. 'wasm-unsafe-eval' is what PGlite (PostgreSQL compiled to
 * WebAssembly) needs to compile its module; nothing else needs more.
 * connect-src allows https:/http: because a flow's HTTP tasks fetch real
 * addresses when the browser can.
 */

/** @param {string[]} scriptHashes base64 sha256 hashes of inline scripts */
export function contentSecurityPolicy(scriptHashes = []) {
  const hashes = scriptHashes.map((h) => `'sha256-${h}'`);
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(' '),
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' https: http: data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/i;

/**
 * The policy a built page carries in its <meta>, or null.
 * @param {string} html
 */
export function policyOfPage(html) {
  const m = META.exec(html);
  return m ? m[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : null;
}
