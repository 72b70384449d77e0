/** The day relative dates are resolved against: the article's published date, else the day it is saved. */
export function referenceDate(publishedTime: string | null | undefined, savedAt: number): string {
  if (publishedTime && /^\d{4}-\d{2}-\d{2}/.test(publishedTime)) return publishedTime;
  return new Date(savedAt).toISOString().slice(0, 10);
}
