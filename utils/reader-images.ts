/**
 * The reader page's images: an article's images load from the copies kept with it (utils/media.ts), offline and
 * without the news site seeing the read; only an image with no kept copy loads from its own address.
 *
 * Until then an image carries only an index into the addresses kept aside, never an address in an attribute:
 * Readability, which the page session runs on a copy of this document, makes any attribute holding an image's
 * address the image's src ("lazy" images), and that copy would ask the site for it.
 */

const INDEX = 'data-clipmark-img';

export interface DeferredImages {
  html: string;
  /** [src, srcset] of each image (or <picture> source), by the index it carries. */
  sources: [string | null, string | null][];
}

/** The article's HTML with its images not loading yet: their addresses kept aside until the kept copies are looked up. */
export function deferImages(html: string, doc: Document): DeferredImages {
  const sources: DeferredImages['sources'] = [];
  if (!/<(?:img|source)\b/i.test(html)) return { html, sources };
  const t = doc.createElement('template'); // inert: nothing in it loads
  t.innerHTML = html;
  for (const el of t.content.querySelectorAll('img, picture source')) {
    el.setAttribute(INDEX, String(sources.length));
    sources.push([el.getAttribute('src'), el.getAttribute('srcset')]);
    el.removeAttribute('src');
    el.removeAttribute('srcset');
  }
  return { html: t.innerHTML, sources };
}

/**
 * Shows the images under `root`: the kept copy of each (an object URL), else its own address back. Returns the object
 * URLs made, to revoke when the article goes.
 */
export function showImages(root: Element, sources: DeferredImages['sources'], kept: Map<string, Blob>, makeUrl: (b: Blob) => string = (b) => URL.createObjectURL(b)): string[] {
  const made: string[] = [];
  const at = (el: Element | null | undefined) => (el?.hasAttribute(INDEX) ? sources[Number(el.getAttribute(INDEX))] : undefined);
  for (const el of root.querySelectorAll(`[${INDEX}]`)) {
    const [src, set] = at(el) ?? [null, null];
    el.removeAttribute(INDEX);
    const blob = src ? kept.get(src) : undefined;
    if (blob) {
      const url = makeUrl(blob);
      made.push(url);
      el.setAttribute('src', url);
      continue; // its other sizes were not kept
    }
    // a <source> of a <picture> whose <img> has a kept copy would win over it: it goes
    if (el.tagName === 'SOURCE') {
      const imgSrc = at(el.parentElement?.querySelector('img'))?.[0];
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
