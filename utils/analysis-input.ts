/** What is asked of the recogniser: the text painted on a page, and the day its relative dates are resolved against. */

/** An article's title and text, the day its relative dates are resolved against, and where its text is set in italics. */
export interface AnalysisInput {
  title: string;
  text: string;
  reference: string;
  /** The reference is the day it is read, not a published date (dates.ts findDates). */
  guessed?: boolean;
  /** The page's declared language, where the words alone cannot tell (ner/language.ts). */
  lang?: string;
  emphasis?: [number, number][];
}

/** Entities are painted on the first this-many characters of an article (about 50,000 words): beyond, the cost outgrows the use. */
export const MAX_PAINT_CHARS = 300_000;

/**
 * What a page asks the background to recognise in its article. The background asks the same as soon as it has
 * read a page's article for it (utils/extract-html.ts), so the page's own request finds the work under way.
 */
export function paintAnalysisInput(article: { title: string; text: string; publishedTime: string | null; lang?: string | null; emphasis?: [number, number][] }, now: number): AnalysisInput {
  const input: AnalysisInput = { title: article.title, text: article.text.slice(0, MAX_PAINT_CHARS), reference: referenceDate(article.publishedTime, now) };
  if (referenceGuessed(article.publishedTime)) input.guessed = true;
  if (article.lang) input.lang = article.lang.slice(0, 35);
  if (article.emphasis?.length) input.emphasis = article.emphasis.filter(([, end]) => end <= MAX_PAINT_CHARS);
  return input;
}

/** Whether an article's relative dates must be resolved against the day it is read: it has no published date. */
export function referenceGuessed(publishedTime: string | null | undefined): boolean {
  return !(publishedTime && /^\d{4}-\d{2}-\d{2}/.test(publishedTime));
}

/** The day relative dates are resolved against: the article's published date, else the day it is saved. */
export function referenceDate(publishedTime: string | null | undefined, savedAt: number): string {
  if (publishedTime && /^\d{4}-\d{2}-\d{2}/.test(publishedTime)) return publishedTime;
  return new Date(savedAt).toISOString().slice(0, 10);
}
