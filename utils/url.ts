/** URLs: canonical form for one-clipping-per-article, and pages the extension cannot touch. */

const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid',
  '_ga', '_gl', 'ref_src', 'ref_url', 'cmpid', 'ncid', 'ocid', 'sr_share', 'spm', 'mkt_tok', 'vero_id',
  '__twitter_impression', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 's_cid', 'wt_mc', 'at_medium', 'at_campaign',
]);

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('pk_') || n.startsWith('hsa_') || TRACKING_PARAMS.has(n);
}

/** Drops tracking parameters and the fragment; keeps everything that can change the article. */
export function cleanUrl(raw: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') return null;
  u.hash = '';
  // forEach, not the keys() iterator: in a Firefox content script the URL is the page's, seen through an Xray
  // wrapper, whose iterators are not iterable there ("u.searchParams.keys() is not iterable")
  const names: string[] = [];
  u.searchParams.forEach((_value, name) => names.push(name));
  for (const name of names) {
    if (isTrackingParam(name)) u.searchParams.delete(name);
  }
  u.hostname = u.hostname.toLowerCase();
  let out = u.toString();
  if (u.search === '' && out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/**
 * The canonical URL of a page: rel=canonical, then og:url, then the page's own URL; tracking parameters removed.
 * A canonical link on another site is accepted only where it is absolute http(s) (AMP and syndicated copies point home).
 */
export function canonicalUrlOf(doc: Document, pageUrl: string): string {
  const candidates = [
    doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.getAttribute('href'),
    doc.querySelector<HTMLMetaElement>('meta[property="og:url" i][content], meta[name="og:url" i][content]')?.getAttribute('content'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    const cleaned = cleanUrl(c, pageUrl);
    if (cleaned && /^https?:/.test(cleaned)) return cleaned;
  }
  return cleanUrl(pageUrl) ?? pageUrl;
}

/** The site a host belongs to, roughly: its last two labels (three under common second-level domains); IPs as they are. */
export function siteOf(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host;
  const labels = host.split('.');
  const secondLevel = /^(co|com|net|org|gov|ac|edu)$/.test(labels.at(-2) ?? '') && (labels.at(-1) ?? '').length === 2;
  return labels.slice(secondLevel ? -3 : -2).join('.');
}

/**
 * The URL highlights are kept under: the canonical URL where it is on the page's own site, else the page's own
 * URL. A page cannot claim another site's URL and so have that site's highlights painted into it.
 */
export function annotationUrlOf(doc: Document, pageUrl: string): string {
  const canonical = canonicalUrlOf(doc, pageUrl);
  return siteOf(canonical) === siteOf(pageUrl) ? canonical : cleanUrl(pageUrl) ?? pageUrl;
}

export type PageAccess = { ok: true } | { ok: false; reason: 'restricted' | 'pdf' | 'unsupported'; message: string };

const STORE_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

/** Whether Clipmark may read a tab's page; the message is what the popup shows when it may not. */
export function pageAccess(url: string | undefined): PageAccess {
  // the browser hides the address of a page no extension may read (its own pages, other extensions', the stores)
  if (!url) return { ok: false, reason: 'restricted', message: 'Clipmark cannot read this tab: only web pages can be saved.' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'unsupported', message: 'This tab has no page Clipmark can read.' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') {
    return { ok: false, reason: 'restricted', message: 'Browser pages (such as settings and new tabs) cannot be saved.' };
  }
  const storePath = u.hostname === 'chrome.google.com' ? u.pathname.startsWith('/webstore') : true;
  if (STORE_HOSTS.includes(u.hostname) && storePath) {
    return { ok: false, reason: 'restricted', message: 'The browser does not let extensions read extension store pages.' };
  }
  if (/\.pdf$/i.test(u.pathname)) {
    return { ok: false, reason: 'pdf', message: 'PDF documents cannot be saved yet; only web pages.' };
  }
  return { ok: true };
}
