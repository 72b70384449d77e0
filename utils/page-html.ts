/**
 * What the loader sends of a page to be read elsewhere (utils/extract-html.ts): its HTML without the scripts,
 * stylesheets and comments that Readability throws away first, so that fewer bytes cross the two message hops
 * and the other document parses less (a third to two thirds of a news page's HTML). JSON-LD stays: it holds the
 * page's dates. An inline script is cut where the HTML parser itself would end it, at its first "</script".
 */
const NOT_READ = /<script\b(?![^>]*\bapplication\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<!--[\s\S]*?-->/gi;

export function htmlToRead(outerHtml: string): string {
  return outerHtml.replace(NOT_READ, '');
}
