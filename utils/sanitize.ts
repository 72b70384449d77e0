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
      if (el.hasAttribute?.('srcset')) el.removeAttribute('srcset');
    });
    purifiers.set(win, p);
  }
  return p;
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
