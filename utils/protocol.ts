import { z } from 'zod';
import { MAX_EMPHASIS } from '@/utils/limits';
import type { Annotation, Clipping } from '@/utils/db';
import type { ExtractResult } from '@/utils/extract';
import type { PageAnalysis } from '@/utils/analysis';
import type { ImportReport } from '@/utils/import';
import type { Settings } from '@/utils/settings-model';

/**
 * The one protocol between content scripts, the background and extension pages.
 * Every message the background accepts has a zod schema (shape and size) and a list of the
 * contexts allowed to send it; utils/message-guard.ts enforces both before any handler runs.
 */

export const LIMITS = {
  url: 4_096,
  title: 2_000,
  note: 20_000,
  quote: 10_000,
  text: 5_000_000,
  html: 10_000_000,
  selectors: 8,
  annotations: 5_000,
} as const;

const url = z.string().min(1).max(LIMITS.url);
const color = z.enum(['yellow', 'green', 'blue', 'pink', 'purple']);

export const selectorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1).max(LIMITS.quote), prefix: z.string().max(200), suffix: z.string().max(200) }),
  z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) }),
  z.object({
    type: z.literal('RangeSelector'), startContainer: z.string().max(2_000), startOffset: z.number().int().min(0),
    endContainer: z.string().max(2_000), endOffset: z.number().int().min(0),
  }),
]);

export const annotationInput = z.object({
  id: z.string().uuid(),
  pageUrl: url,
  color,
  note: z.string().max(LIMITS.note),
  selectors: z.array(selectorSchema).min(1).max(LIMITS.selectors),
});
export type AnnotationInput = z.infer<typeof annotationInput>;

export const schemas = {
  saveTab: z.object({ tabId: z.number().int().nonnegative().optional() }),
  tabStatus: z.object({ tabId: z.number().int().nonnegative().optional() }),
  saveAnnotation: annotationInput,
  deleteAnnotation: z.object({ id: z.string().uuid() }),
  listAnnotations: z.object({ pageUrl: url }),
  deleteClipping: z.object({ id: z.string().min(1).max(100) }),
  undoDelete: z.object({ token: z.string().min(1).max(100) }),
  injectPage: z.object({}).strict(),
  pageStart: z.object({ pageUrl: url, article: z.boolean() }),
  importBackup: z.object({ json: z.string().min(2).max(200_000_000) }),
  extractHtml: z.object({ html: z.string().min(1).max(LIMITS.html), url, baseUrl: url }),
  analyze: z.object({
    title: z.string().max(LIMITS.title), text: z.string().max(LIMITS.text), reference: z.string().min(4).max(40), guessed: z.boolean().optional(), lang: z.string().max(35).optional(),
    emphasis: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(MAX_EMPHASIS).optional(),
  }),
} as const;

export type MessageName = keyof typeof schemas;
export type Sender = 'content' | 'page';

/** Who may send what: content scripts speak only for their own page; extension pages may manage the archive. */
export const allowedSenders: Record<MessageName, readonly Sender[]> = {
  saveTab: ['page'],
  tabStatus: ['page'],
  saveAnnotation: ['content', 'page'],
  deleteAnnotation: ['content', 'page'],
  listAnnotations: ['content', 'page'],
  deleteClipping: ['page'],
  undoDelete: ['page'],
  analyze: ['content', 'page'],
  extractHtml: ['content'],
  injectPage: ['content'],
  pageStart: ['content'],
  importBackup: ['page'],
};

export type SaveOutcome =
  | { ok: true; clipping: Pick<Clipping, 'id' | 'title' | 'canonicalUrl' | 'isArticle' | 'savedAt'>; created: boolean; message: string }
  | { ok: false; message: string };

export type TabStatus =
  | {
      access: 'ok'; tabId: number; url: string; canonicalUrl: string; title: string; isArticle: boolean | null;
      saved: Pick<Clipping, 'id' | 'title' | 'savedAt'> | null;
      counts: PageInfo['counts']; highlights: number; orphans: PageInfo['orphans'];
    }
  | { access: 'denied'; message: string; tabId: number | null };

type In<K extends MessageName> = z.infer<(typeof schemas)[K]>;

/** Messages handled by the background. */
export interface BackgroundProtocol {
  saveTab(data: In<'saveTab'>): SaveOutcome;
  tabStatus(data: In<'tabStatus'>): TabStatus;
  saveAnnotation(data: In<'saveAnnotation'>): Annotation;
  deleteAnnotation(data: In<'deleteAnnotation'>): boolean;
  listAnnotations(data: In<'listAnnotations'>): Annotation[];
  deleteClipping(data: In<'deleteClipping'>): { token: string | null };
  undoDelete(data: In<'undoDelete'>): boolean;
  analyze(data: In<'analyze'>): PageAnalysis;
  /** The article in a page's HTML, read off the page's main thread; null where this browser cannot. */
  extractHtml(data: In<'extractHtml'>): ExtractResult | null;
  injectPage(data: In<'injectPage'>): boolean;
  /** What the loader needs to decide what to do on a page it has just checked. */
  pageStart(data: In<'pageStart'>): PageStart;
  importBackup(data: In<'importBackup'>): ImportReport;
}

/**
 * The loader's one question to the background on every page: the reader's settings, and (only where it
 * decides something) how many highlights the page has. Asked by message rather than read from storage on the
 * page, so the page pays for one extension API (messaging) instead of two.
 */
export interface PageStart {
  settings: Settings;
  /** The page's saved highlights; null when not looked up: Clipmark is off on this site, or the article is painted anyway. */
  highlights: number | null;
}

export interface PageInfo {
  url: string;
  canonicalUrl: string;
  title: string;
  readerable: boolean;
  /** Entities painted per kind (null: not painted on this page). */
  counts: Record<'person' | 'organization' | 'place' | 'date', number> | null;
  highlights: number;
  /** The reader's highlights that could not be placed on the page as it is now. */
  orphans: { id: string; quote: string; note: string; color: string }[];
}
