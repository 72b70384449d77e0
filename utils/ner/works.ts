import { fold } from './tokenize';

/**
 * Titles of works (films, books, games, shows) set in italics: "The Empire Strikes Back", "Killer Instinct",
 * "Chaos: Making a New Science". News sets a work's title in italics; a name inside one is no person, organisation or
 * place. Publications are set in italics too ("The New York Times", "Quanta"): they are organisations, so a title
 * with a publication's head word, or of one word, is not taken for a work. An organisation's head word may be in a
 * work's title ("The Force Awakens", "Fight Club").
 */

/** Words that end or head the names of publications, which are organisations. Folded. */
const PUBLICATION_WORDS = new Set(
  'review magazine journal times post herald tribune gazette chronicle observer guardian telegraph independent economist daily weekly monthly quarterly press news today mail star sun register courier record'.split(' '),
);
/** Short words a title leaves in lower case. */
const LOWER_IN_TITLES = new Set('a an and as at but by for from in into nor of on or the to with vs'.split(' '));
const LEADING_ARTICLE = /^(?:The|A|An)\s+/;

/** Whether an italic phrase reads as the title of a work: Title Case, 2-12 words after an article, no publication's head word. */
export function isWorkTitle(phrase: string): boolean {
  const words = phrase.replace(LEADING_ARTICLE, '').split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2 || words.length > 12 || /[.!?]$/.test(phrase.trim())) return false;
  for (const w of words) {
    const f = fold(w).replace(/[^\p{L}\p{N}'’-]/gu, '');
    if (PUBLICATION_WORDS.has(f)) return false;
    if (!/^[\p{Lu}\p{N}]/u.test(w) && !LOWER_IN_TITLES.has(f)) return false;
  }
  return true;
}

export interface Works {
  /** Whether [start, end) of the text lies inside a work's title. */
  covers(start: number, end: number): boolean;
  /** The titles, as written and without a leading article ("The Force Awakens", "Force Awakens"). */
  titles: Set<string>;
}

/** The works among a text's italic ranges (sorted, as utils/text.ts emphasisRanges gives them). */
export function worksIn(text: string, emphasis: readonly (readonly [number, number])[] | undefined): Works {
  const ranges: [number, number][] = [];
  const titles = new Set<string>();
  for (const [s, e] of emphasis ?? []) {
    if (!(s >= 0 && e <= text.length && s < e)) continue;
    const phrase = text.slice(s, e).replace(/[\s:;,]+$/, '');
    if (!isWorkTitle(phrase)) continue;
    ranges.push([s, e]);
    titles.add(phrase);
    titles.add(phrase.replace(LEADING_ARTICLE, ''));
  }
  return {
    titles,
    covers(start, end) {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [s, e] = ranges[mid]!;
        if (e <= start) lo = mid + 1;
        else if (s > start) hi = mid - 1;
        else return end <= e;
      }
      return false;
    },
  };
}
