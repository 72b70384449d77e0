import { readPage } from '@/utils/fixtures';

/** Test/bench helper: fixture pages copied from the Readability test suite, plus our seed page. */
export const FIXTURE_PAGES = ['seed-page', 'bbc-1', 'cnn', 'nytimes-1', 'wapo-1'] as const;

export function readFixture(name: string, file: 'source.html' | 'expected.html' = 'source.html'): string {
  return readPage(name, file);
}

/** Parse HTML into a fresh Document of the current window (jsdom in tests). */
export function parseHtml(html: string, parser: DOMParser = new DOMParser()): Document {
  return parser.parseFromString(html, 'text/html');
}
