// The cheap "is this an article?" check alone, without the rest of Readability (which the loader must not carry).
import isProbablyReaderableImpl from '@mozilla/readability/Readability-readerable.js';

type Options = { minContentLength?: number; minScore?: number; visibilityChecker?: (node: Element) => boolean };
const readerable = isProbablyReaderableImpl as (doc: Document, options?: Options) => boolean;

/**
 * Readability's own visibility test with the same answers, cheaper on the loader's path: Readability reads
 * `node.style.display` of every candidate, which makes the browser build a style object per paragraph; this reads
 * the style attribute first and builds one only where it names `display`. (An inline style set from script
 * is reflected in the attribute.) Same as Readability: an SVG or MathML node's className is not a string.
 */
export function isNodeVisible(node: Element): boolean {
  if (node.hasAttribute('hidden')) return false;
  const style = node.getAttribute('style');
  if (style && /display/i.test(style) && (node as HTMLElement).style?.display === 'none') return false;
  if (node.getAttribute('aria-hidden') !== 'true') return true;
  const cls = (node as { className?: unknown }).className;
  return typeof cls === 'string' && cls.includes('fallback-image');
}

export function isProbablyReaderable(doc: Document, options: Omit<Options, 'visibilityChecker'> = {}): boolean {
  return readerable(doc, { ...options, visibilityChecker: isNodeVisible });
}
