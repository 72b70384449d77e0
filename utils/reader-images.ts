/**
 * The reader page's images: an article's images load from the copies kept with it (utils/media.ts), offline and
 * without the news site seeing the read; only an image with no kept copy loads from its own address.
 */

const DEFERRED = 'data-clipmark-src';
const DEFERRED_SET = 'data-clipmark-srcset';

/** The article's HTML with its images not loading yet: their addresses moved aside until the kept copies are looked up. */
export function deferImages(html: string, doc: Document): string {
  if (!/<(?:img|source)\b/i.test(html)) return html;
  const t = doc.createElement('template'); // inert: nothing in it loads
  t.innerHTML = html;
  for (const el of t.content.querySelectorAll('img, picture source')) {
    for (const [from, to] of [['src', DEFERRED], ['srcset', DEFERRED_SET]] as const) {
      const v = el.getAttribute(from);
      if (v === null) continue;
      el.setAttribute(to, v);
      el.removeAttribute(from);
    }
  }
  return t.innerHTML;
}

/**
 * Shows the images under `root`: the kept copy of each (an object URL), else its own address back. Returns the object
 * URLs made, to revoke when the article goes.
 */
export function showImages(root: Element, kept: Map<string, Blob>, makeUrl: (b: Blob) => string = (b) => URL.createObjectURL(b)): string[] {
  const made: string[] = [];
  for (const el of root.querySelectorAll(`[${DEFERRED}], [${DEFERRED_SET}]`)) {
    const src = el.getAttribute(DEFERRED);
    const blob = src ? kept.get(src) : undefined;
    el.removeAttribute(DEFERRED);
    const set = el.getAttribute(DEFERRED_SET);
    el.removeAttribute(DEFERRED_SET);
    if (blob) {
      const url = makeUrl(blob);
      made.push(url);
      el.setAttribute('src', url);
      continue; // its other sizes were not kept
    }
    // a <source> of a <picture> whose <img> has a kept copy would win over it: it goes
    if (el.tagName === 'SOURCE') {
      const img = el.parentElement?.querySelector('img');
      const imgSrc = img?.getAttribute(DEFERRED) ?? null;
      if (imgSrc && kept.has(imgSrc)) {
        el.remove();
        continue;
      }
    }
    if (src !== null) el.setAttribute('src', src);
    if (set !== null) el.setAttribute('srcset', set);
  }
  return made;
}
