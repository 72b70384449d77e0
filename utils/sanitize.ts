import createDOMPurify from 'dompurify';

/** Article HTML as Clipmark stores and shows it: DOMPurify, then only inert markup and safe links. */

const FORBID_TAGS = [
  'style', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'option',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'script', 'noscript', 'template', 'portal',
];
const FORBID_ATTR = ['style', 'srcdoc', 'formaction', 'action', 'ping', 'background', 'poster'];

// sanitize() is synchronous, so the hook can read the base of the call in progress.
let currentBase = 'about:blank';

const purifiers = new WeakMap<Window, ReturnType<typeof createDOMPurify>>();

function purifierFor(win: Window) {
  let p = purifiers.get(win);
  if (!p) {
    p = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
    // Only web links and images survive; relative ones are made absolute against the article.
    p.addHook('afterSanitizeAttributes', (node) => {
      const el = node as Element;
      for (const attr of ['href', 'src']) {
        const v = el.getAttribute?.(attr);
        if (v == null) continue;
        let abs: URL | null = null;
        try {
          abs = new URL(v, currentBase);
        } catch {
          abs = null;
        }
        if (!abs || !/^https?:$/.test(abs.protocol)) el.removeAttribute(attr);
        else el.setAttribute(attr, abs.href);
      }
      if (el.tagName === 'A' && el.hasAttribute('href')) {
        el.setAttribute('rel', 'noopener noreferrer');
        el.setAttribute('target', '_blank');
      }
      if (el.hasAttribute?.('srcset')) {
        // an image given by its srcset alone (lazy-loaded pages: Readability moves data-srcset there) keeps its largest
        if (el.tagName === 'IMG' && !el.getAttribute('src')) {
          const best = largestCandidate(el.getAttribute('srcset') ?? '', currentBase);
          if (best) el.setAttribute('src', best);
        }
        el.removeAttribute('srcset');
      }
    });
    purifiers.set(win, p);
  }
  return p;
}

/** The largest candidate of a srcset ("a.jpg 320w, b.jpg 1024w" -> b.jpg), absolute and http(s); null if none. */
export function largestCandidate(srcset: string, base: string): string | null {
  let best: { url: string; size: number } | null = null;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/);
    if (!url) continue;
    const size = parseFloat(descriptor) * (/w$/i.test(descriptor) ? 1 : 1000);
    let abs: URL;
    try {
      abs = new URL(url, base);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(abs.protocol)) continue;
    if (!best || (Number.isFinite(size) ? size : 0) > best.size) best = { url: abs.href, size: Number.isFinite(size) ? size : 0 };
  }
  return best?.url ?? null;
}

export function sanitizeArticleHtml(html: string, win: Window, baseUrl: string): string {
  const p = purifierFor(win);
  currentBase = baseUrl;
  return p.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    USE_PROFILES: { html: true, svg: true },
  }) as string;
}
