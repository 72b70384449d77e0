import type { DatePrecision } from '@/utils/db';

/**
 * Date expressions in an article's title and text, resolved against a reference date
 * (the published date, or the save date where there is none).
 *
 * Conventions (documented in public/ner/README.md):
 * - A bare weekday ("Thursday", "late Thursday", "Wednesday evening") is the most recent such day
 *   on or before the reference; "last Tuesday" the most recent strictly before; "next Monday" the
 *   first strictly after.
 * - A day or month without a year ("April 13", "June") takes the year that puts it closest to the
 *   reference (so "December 20" in a January article is the previous December).
 * - "earlier/later this month", "this month" -> the reference month (month precision); "last month"
 *   the month before; "this/last/next year" likewise with year precision; "last week" -> the
 *   reference minus 7 days (day precision).
 * - "N days/weeks ago" -> day precision, "N months ago" -> month precision, "N years ago" -> year.
 * - "recent years" -> the reference year (year precision); "recent months" -> the reference month;
 *   "recent weeks/days" -> the reference day. They are vague; the value is where they end.
 * - Decades ("1990s", "mid-1990s", "early 2000s") -> the decade's first year, or its middle/early/late year
 *   (year precision: ISO has no decade). "Last fall" -> the year of that season.
 * - "(the) past five years", "(the) last few days" -> where the span starts (the reference minus five years, year
 *   precision; minus three days for "few"); "the next two months" -> where it ends.
 * - "'91" -> the year 1991 (the century that does not put it after the reference).
 * - Holidays ("Christmas", "Easter", "Mother's Day", "Thanksgiving"...) -> that day in the year that puts it
 *   closest to the reference (US dates for Mother's Day, Father's Day, Thanksgiving, Labor and Memorial Day).
 * - A year in a measure ("1800 x 1920") is not a date. "2008-9" is its first year; "the end of 2025" is that
 *   December, "the beginning of the year" that January (month precision); "the second quarter" its first month;
 *   "summer of 1959" the year; "last decade" ten years before the reference; "the turn of the century" the nearest
 *   turn (2000), "the end of the century" this century's last year.
 * - A date right after "Published", "Updated" or "Posted" is page furniture, not a mention: skipped.
 * - Leading prepositions (on, in, at, since) are never part of the span.
 */

export interface DateSpan {
  text: string;
  start: number;
  end: number;
  value: string;
  precision: DatePrecision;
  in: 'title' | 'body';
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11 };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100, few: 3, several: 3, couple: 2,
};

const MONTH_FULL = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const MONTH_FULL_I = new RegExp(MONTH_FULL, 'i');
const MONTH_ABBR_RE = '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.';
const MONTH_ANY = `(?:${MONTH_FULL}|${MONTH_ABBR_RE})`;
/** Before a day number or a year the abbreviation's period is optional ("Feb 1, 2016"). */
const MONTH_NUM = `(?:${MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)`;
const DAYNUM = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[6-9]|20)\\d\\d';
const WEEKDAY = '(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)';
const NUM = '(?:\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|a few|a couple of|several)';
const B = '(?<![\\p{L}\\p{N}])';
/** Ordinals of the centuries news names: "19th", "twenty-first". */
const CENTURY_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first', 'twenty-second'];
const CENTURY_ORDINAL = `(?:(?:[1-9]|1\\d|2[0-2])(?:st|nd|rd|th)|${[...CENTURY_WORDS].reverse().join('|')})`;
const E = '(?![\\p{L}\\p{N}])';

type Kind =
  | 'iso' | 'mdy' | 'dmy' | 'my' | 'm' | 'wd' | 'y' | 'decade' | 'rel-day' | 'rel-unit' | 'ago' | 'recent' | 'season' | 'slash'
  | 'span' | 'y2' | 'holiday' | 'yrange' | 'part' | 'quarter' | 'season-y' | 'century';

/** Holidays, as the words are written ("Mother's Day" with either apostrophe): month (0-11) and day, or a rule. */
const HOLIDAYS: Record<string, (y: number) => [number, number]> = {
  'Christmas Eve': () => [11, 24],
  'Christmas(?:\\s+Day)?': () => [11, 25],
  "New Year['’]s Day": () => [0, 1],
  "New Year['’]s Eve": () => [11, 31],
  'Halloween': () => [9, 31],
  "Valentine['’]s Day": () => [1, 14],
  'Independence Day': () => [6, 4],
  'Easter(?:\\s+Sunday)?': (y) => easter(y),
  'Good Friday': (y) => { const [m, d] = easter(y); const g = new Date(Date.UTC(y, m, d - 2)); return [g.getUTCMonth(), g.getUTCDate()]; },
  "Mother['’]s Day": (y) => nthWeekday(y, 4, 0, 2),
  "Father['’]s Day": (y) => nthWeekday(y, 5, 0, 3),
  'Thanksgiving(?:\\s+Day)?': (y) => nthWeekday(y, 10, 4, 4),
  'Labor Day': (y) => nthWeekday(y, 8, 1, 1),
  'Memorial Day': (y) => nthWeekday(y, 4, 1, -1),
};

/** Easter Sunday (Gregorian; the anonymous algorithm): [month 0-11, day]. */
function easter(y: number): [number, number] {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month - 1, ((h + l - 7 * m + 114) % 31) + 1];
}

/** The nth (1-based; -1 = last) weekday wd (0 = Sunday) of month m0 in year y: [month, day]. */
function nthWeekday(y: number, m0: number, wd: number, n: number): [number, number] {
  if (n < 0) {
    const last = new Date(Date.UTC(y, m0 + 1, 0));
    return [m0, last.getUTCDate() - ((last.getUTCDay() - wd + 7) % 7)];
  }
  const first = new Date(Date.UTC(y, m0, 1)).getUTCDay();
  return [m0, 1 + ((wd - first + 7) % 7) + 7 * (n - 1)];
}

interface Pattern { kind: Kind; re: RegExp }

const PATTERNS: Pattern[] = [
  { kind: 'iso', re: new RegExp(`${B}${YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])${E}`, 'gu') },
  { kind: 'mdy', re: new RegExp(`${B}(?:${WEEKDAY},?\\s+)?(?:(?:early|late|mid)[- ])?${MONTH_NUM}\\s+${DAYNUM}(?:,?\\s+${YEAR})?${E}`, 'gu') },
  { kind: 'dmy', re: new RegExp(`${B}(?:${WEEKDAY},?\\s+)?${DAYNUM}\\s+(?:of\\s+)?${MONTH_ANY}(?:,?\\s+${YEAR})?${E}`, 'gu') },
  { kind: 'my', re: new RegExp(`${B}(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?${MONTH_NUM},?\\s+(?:of\\s+)?${YEAR}${E}`, 'gu') },
  { kind: 'm', re: new RegExp(`${B}(?:(?:[Tt]his|[Ll]ast|[Nn]ext)\\s+)?(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?${MONTH_FULL}${E}`, 'gu') },
  { kind: 'wd', re: new RegExp(`${B}(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Ll]ate|[Ee]arly)\\s+(?:on\\s+)?)?${WEEKDAY}(?:\\s+(?:morning|afternoon|evening|night))?${E}`, 'gu') },
  { kind: 'decade', re: new RegExp(`${B}(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?(?:(?:1[6-9]|20)\\d0s|['’]\\d0s)${E}`, 'gu') },
  { kind: 'y', re: new RegExp(`(?<![\\p{L}\\p{N}$€£.,/:-])(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?${YEAR}(?![\\p{L}\\p{N}%]|[.,:/]\\d)`, 'gu') },
  { kind: 'slash', re: new RegExp(`${B}(?:1[0-2]|0?[1-9])/(?:[12]\\d|3[01]|0?[1-9])(?:/(?:${YEAR}|\\d\\d))?${E}`, 'gu') },
  { kind: 'rel-day', re: new RegExp(`${B}(?:today|tonight|yesterday|tomorrow)${E}`, 'giu') },
  { kind: 'rel-unit', re: new RegExp(`${B}(?:(?:earlier|later|early|late)\\s+)?(?:this|last|next|past)\\s+(?:week|month|year|decade)${E}`, 'giu') },
  { kind: 'ago', re: new RegExp(`${B}${NUM}(?:\\s+and\\s+a\\s+half)?\\s+(?:days?|weeks?|months?|years?|decades?)(?:\\s+and\\s+a\\s+half)?\\s+ago${E}`, 'giu') },
  { kind: 'recent', re: new RegExp(`${B}recent\\s+(?:days|weeks|months|years|decades)${E}`, 'giu') },
  { kind: 'season', re: new RegExp(`${B}(?:last|this|next)\\s+(?:spring|summer|fall|autumn|winter)${E}`, 'giu') },
  { kind: 'yrange', re: new RegExp(`${B}${YEAR}[-–](?:\\d\\d|\\d)${E}|${B}${YEAR}[-–]${YEAR}${E}`, 'gu') },
  { kind: 'part', re: new RegExp(`${B}(?:end|beginning|start|middle|turn)\\s+of\\s+(?:(?:the|this|last|next)\\s+(?:year|month|decade|century)|${YEAR}|${MONTH_FULL}(?:\\s+${YEAR})?)${E}`, 'giu') },
  { kind: 'century', re: new RegExp(`${B}(?:(?:early|mid|late)[- ])?${CENTURY_ORDINAL}[- ]century${E}`, 'giu') },
  { kind: 'quarter', re: new RegExp(`${B}(?:first|second|third|fourth)\\s+quarter(?:\\s+of\\s+${YEAR})?${E}`, 'giu') },
  { kind: 'season-y', re: new RegExp(`${B}(?:spring|summer|fall|autumn|winter)\\s+of\\s+${YEAR}${E}`, 'giu') },
  { kind: 'span', re: new RegExp(`${B}(?:past|last|next|coming)\\s+(?:(?:${NUM}|few)\\s+)?(?:days|weeks|months|years|decades)${E}`, 'giu') },
  { kind: 'y2', re: /(?<![\p{L}\p{N}'’])['’]\d\d(?![\p{L}\p{N}'’])/gu },
  { kind: 'holiday', re: new RegExp(`${B}(?:${Object.keys(HOLIDAYS).join('|')})(?!\\s+(?:Island|Islands|tree|trees|card|cards|shopping|sales?|party|parties|movie|film)${E})${E}`, 'gu') },
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const isoMonth = (y: number, m0: number) => {
  const d = new Date(Date.UTC(y, m0, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};

/** The reference as a UTC midnight date: the written calendar day of an ISO string is kept. */
export function referenceDay(reference: string | Date): Date {
  if (typeof reference === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(reference.trim());
    if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
    const d = new Date(reference);
    if (!Number.isNaN(d.getTime())) return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    throw new Error(`findDates: bad reference date ${JSON.stringify(reference)}`);
  }
  return new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate()));
}

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full;
  return MONTH_ABBR[w] ?? -1;
}

/** Year that puts month m0 (and day) closest to the reference. */
function nearestYear(ref: Date, m0: number, day = 15): number {
  const y = ref.getUTCFullYear();
  let best = y;
  let bestDiff = Infinity;
  for (const cand of [y - 1, y, y + 1]) {
    const diff = Math.abs(Date.UTC(cand, m0, day) - ref.getTime());
    if (diff < bestDiff - 1) { bestDiff = diff; best = cand; }
  }
  return best;
}

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);

function parseNum(s: string): number {
  const t = s.toLowerCase().replace(/^a (few|couple of)$/, '$1').replace(/ of$/, '');
  if (/^\d+$/.test(t)) return +t;
  return NUMBER_WORDS[t] ?? NUMBER_WORDS[t.split(' ').pop()!] ?? 1;
}

function resolve(kind: Kind, s: string, ref: Date): { value: string; precision: DatePrecision } | null {
  const low = s.toLowerCase();
  const year = /(?:1[6-9]|20)\d\d/.exec(s)?.[0];
  const monthWord = /[A-Z][a-z]+\.?/.exec(s.replace(/^(?:early|late|mid)[- ]/i, ''))?.[0] ?? '';
  switch (kind) {
    case 'iso': {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      const dt = new Date(Date.UTC(y, m - 1, d));
      return dt.getUTCDate() === d ? { value: isoDay(dt), precision: 'day' } : null;
    }
    case 'mdy':
    case 'dmy': {
      const m0 = monthIndex(/(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)/.exec(s)![0]);
      const day = +/(\d{1,2})(?:st|nd|rd|th)?(?!\d)/.exec(s.replace(/(?:1[6-9]|20)\d\d$/, ''))![1]!;
      const y = year ? +year : nearestYear(ref, m0, day);
      const d = new Date(Date.UTC(y, m0, day));
      if (d.getUTCMonth() !== m0) return null;
      return { value: isoDay(d), precision: 'day' };
    }
    case 'my':
      return { value: isoMonth(+year!, monthIndex(monthWord)), precision: 'month' };
    case 'm': {
      const m0 = monthIndex(MONTH_FULL_I.exec(s)![0]);
      const y = ref.getUTCFullYear();
      const cur = ref.getUTCMonth();
      // "last March": the latest March before this month; "next June": the first after it; "this April": this year's
      if (/^last\s/i.test(s)) return { value: isoMonth(m0 < cur ? y : y - 1, m0), precision: 'month' };
      if (/^next\s/i.test(s)) return { value: isoMonth(m0 > cur ? y : y + 1, m0), precision: 'month' };
      if (/^this\s/i.test(s)) return { value: isoMonth(y, m0), precision: 'month' };
      return { value: isoMonth(nearestYear(ref, m0), m0), precision: 'month' };
    }
    case 'wd': {
      const wd = WEEKDAYS.findIndex((w) => low.includes(w));
      const cur = ref.getUTCDay();
      let delta = (cur - wd + 7) % 7; // days back to the most recent such day (0 = the reference day)
      if (/^next\b/.test(low)) delta = -((wd - cur + 7) % 7 || 7);
      else if (/^last\b/.test(low) && delta === 0) delta = 7;
      return { value: isoDay(addDays(ref, -delta)), precision: 'day' };
    }
    case 'y':
    case 'yrange': // "2008-9": its first year
    case 'season-y': // "summer of 1959": the year
      return { value: year!, precision: 'year' };
    case 'decade': {
      let base = /((?:1[6-9]|20)\d)0s/.exec(s)?.[1];
      if (!base) {
        const two = +/['’](\d)0s/.exec(s)![1]!;
        base = two <= (ref.getUTCFullYear() % 100) / 10 ? `20${two}` : `19${two}`;
      }
      const off = /^mid/i.test(s) ? 5 : /^late/i.test(s) ? 7 : /^early/i.test(s) ? 2 : 0;
      // "1800s" is a century: "late 1800s" -> 1870
      if (/1\d00s/.test(s)) return { value: String(+base * 10 + off * 10), precision: 'year' };
      return { value: String(+base * 10 + off), precision: 'year' };
    }
    case 'slash': {
      if (s === '9/11') return { value: '2001-09-11', precision: 'day' };
      const [m, d, yy] = s.split('/').map(Number) as [number, number, number | undefined];
      const y = yy === undefined ? nearestYear(ref, m - 1, d) : yy < 100 ? 2000 + yy : yy;
      const dt = new Date(Date.UTC(y, m - 1, d));
      return { value: isoDay(dt), precision: 'day' };
    }
    case 'rel-day': {
      const off = low === 'yesterday' ? -1 : low === 'tomorrow' ? 1 : 0;
      return { value: isoDay(addDays(ref, off)), precision: 'day' };
    }
    case 'rel-unit': {
      const unit = /(week|month|year|decade)$/.exec(low)![1]!;
      const dir = /\b(last|past)\b/.test(low) ? -1 : /\bnext\b/.test(low) ? 1 : 0;
      if (unit === 'decade') return { value: String(ref.getUTCFullYear() + 10 * dir), precision: 'year' };
      if (unit === 'week') return { value: isoDay(addDays(ref, 7 * dir)), precision: 'day' };
      if (unit === 'month') return { value: isoMonth(ref.getUTCFullYear(), ref.getUTCMonth() + dir), precision: 'month' };
      return { value: String(ref.getUTCFullYear() + dir), precision: 'year' };
    }
    case 'ago': {
      const half = /\band\s+a\s+half\b/i.test(s);
      const m = /^(.*?)\s+(day|week|month|year|decade)s?\s+ago$/i.exec(s.replace(/\s+and\s+a\s+half\b/i, ''))!;
      const n = parseNum(m[1]!);
      const unit = m[2]!.toLowerCase();
      // "a year and a half ago": eighteen months before
      if (half && unit === 'year') return { value: isoMonth(ref.getUTCFullYear(), ref.getUTCMonth() - 12 * n - 6), precision: 'month' };
      if (unit === 'day') return { value: isoDay(addDays(ref, -n)), precision: 'day' };
      if (unit === 'week') return { value: isoDay(addDays(ref, -7 * n)), precision: 'day' };
      if (unit === 'month') return { value: isoMonth(ref.getUTCFullYear(), ref.getUTCMonth() - n), precision: 'month' };
      return { value: String(ref.getUTCFullYear() - n * (unit === 'decade' ? 10 : 1)), precision: 'year' };
    }
    case 'recent': {
      if (/years|decades/.test(low)) return { value: String(ref.getUTCFullYear()), precision: 'year' };
      if (/months/.test(low)) return { value: isoMonth(ref.getUTCFullYear(), ref.getUTCMonth()), precision: 'month' };
      return { value: isoDay(ref), precision: 'day' };
    }
    case 'part': {
      const dir = /\blast\b/.test(low) ? -1 : /\bnext\b/.test(low) ? 1 : 0;
      const y = year ? +year : ref.getUTCFullYear() + dir;
      const mw = MONTH_FULL_I.exec(s)?.[0];
      if (mw) { const m0 = monthIndex(mw); return { value: isoMonth(year ? y : nearestYear(ref, m0), m0), precision: 'month' }; }
      if (/\bmonth$/.test(low)) return { value: isoMonth(ref.getUTCFullYear(), ref.getUTCMonth() + dir), precision: 'month' };
      if (/\bdecade$/.test(low)) return { value: String(ref.getUTCFullYear()), precision: 'year' };
      if (/\bcentury$/.test(low)) {
        // "the turn of the century" is the nearest turn; its end, start or middle are this century's
        const c = Math.floor(ref.getUTCFullYear() / 100) * 100;
        const v = /^turn/.test(low) ? Math.round(ref.getUTCFullYear() / 100) * 100 : /^end/.test(low) ? c + 99 : /^middle/.test(low) ? c + 50 : c;
        return { value: String(v), precision: 'year' };
      }
      const end = /^end/.test(low);
      return { value: end ? `${y}-12` : /^(?:middle)/.test(low) ? `${y}-06` : `${y}-01`, precision: 'month' };
    }
    case 'century': {
      // "the 19th century" -> 1800, as "the 1800s"; early/mid/late as for decades, in tens of years
      const ordinal = /(\S+)[- ]century$/i.exec(s)![1]!.toLowerCase().replace(/^(?:early|mid|late)[- ]/, '');
      const n = /^\d/.test(ordinal) ? parseInt(ordinal, 10) : CENTURY_WORDS.indexOf(ordinal) + 1;
      const off = /^mid/i.test(s) ? 50 : /^late/i.test(s) ? 70 : /^early/i.test(s) ? 20 : 0;
      return { value: String((n - 1) * 100 + off).padStart(4, '0'), precision: 'year' };
    }
    case 'quarter': {
      const q = ['first', 'second', 'third', 'fourth'].indexOf(/^(\w+)/.exec(low)![1]!);
      const y = year ? +year : ref.getUTCFullYear();
      return { value: isoMonth(y, q * 3), precision: 'month' };
    }
    case 'span': {
      const m = /(?:past|last|next|coming)\s+(?:(.*?)\s+)?(day|week|month|year|decade)s$/i.exec(s)!;
      const n = m[1] ? parseNum(m[1]) : 1;
      const unit = m[2]!.toLowerCase();
      const dir = /\b(?:next|coming)\b/i.test(s) ? 1 : -1;
      if (unit === 'day' || unit === 'week') return { value: isoDay(addDays(ref, dir * n * (unit === 'week' ? 7 : 1))), precision: 'day' };
      if (unit === 'month') return { value: isoMonth(ref.getUTCFullYear(), ref.getUTCMonth() + dir * n), precision: 'month' };
      return { value: String(ref.getUTCFullYear() + dir * n * (unit === 'decade' ? 10 : 1)), precision: 'year' };
    }
    case 'y2': {
      const two = +s.slice(1);
      return { value: String(two <= ref.getUTCFullYear() % 100 ? 2000 + two : 1900 + two), precision: 'year' };
    }
    case 'holiday': {
      const rule = Object.entries(HOLIDAYS).find(([k]) => new RegExp(`^(?:${k})$`, 'u').test(s))![1];
      const y0 = ref.getUTCFullYear();
      let best: Date | null = null;
      for (const y of [y0 - 1, y0, y0 + 1]) {
        const [m0, d] = rule(y);
        const dt = new Date(Date.UTC(y, m0, d));
        if (!best || Math.abs(dt.getTime() - ref.getTime()) < Math.abs(best.getTime() - ref.getTime())) best = dt;
      }
      return { value: isoDay(best!), precision: 'day' };
    }
    case 'season': {
      const y = ref.getUTCFullYear();
      const m = ref.getUTCMonth();
      const season = /(spring|summer|fall|autumn|winter)$/.exec(low)![1]!;
      const startMonth = season === 'spring' ? 2 : season === 'summer' ? 5 : season === 'winter' ? 11 : 8;
      let value = y;
      if (/^last/.test(low)) value = m > startMonth + 2 ? y : y - 1;
      else if (/^next/.test(low)) value = m < startMonth ? y : y + 1;
      return { value: String(value), precision: 'year' };
    }
  }
}

const CAP_WORD = /^\p{Lu}[\p{Ll}\p{M}]+$/u;
const DATE_WORD = new RegExp(`^(?:${MONTH_FULL}|${WEEKDAY}|${YEAR}|On|In|At|Since|By|From|Until|The|Last|Next|This|Early|Late|Mid)$`, 'u');

/** Is the match at [start,end) part of a person's or other name (e.g. "April Ryan", "Dong Jun.")? */
function insideName(src: string, start: number, end: number, kind: Kind, s: string): boolean {
  if (kind !== 'm' && kind !== 'wd' && kind !== 'mdy' && kind !== 'my') return false;
  // only words on the same line: a date on a line of its own is no part of the name above it
  const before40 = src.slice(Math.max(0, start - 40), start);
  const before = before40.slice(before40.lastIndexOf('\n') + 1);
  const after40 = src.slice(end, end + 40);
  const after = after40.includes('\n') ? after40.slice(0, after40.indexOf('\n')) : after40;
  const prev = /(\S+)\s+$/.exec(before)?.[1] ?? '';
  const next = /^\s+(\S+)/.exec(after)?.[1] ?? '';
  const beforePrev = before.slice(0, before.length - (before.length - before.trimEnd().length) - prev.length);
  const prevSentenceInitial = beforePrev.trim() === '' || /[.!?:"\u201C]$/.test(beforePrev.trimEnd());
  const prevIsNameWord = CAP_WORD.test(prev) && !DATE_WORD.test(prev) && !prevSentenceInitial;
  const nextIsNameWord = CAP_WORD.test(next.replace(/[,.;:]$/, '')) && !DATE_WORD.test(next.replace(/[,.;:]$/, '')) && !/[,.;:]$/.test(s);
  // "Dong Jun 5 ...": an abbreviated month right after a capitalised word (even at a sentence start) is a name
  if (kind === 'mdy' || kind === 'my') return /^[A-Z][a-z]{2,3}\.?\s/.test(s) && CAP_WORD.test(prev) && !DATE_WORD.test(prev);
  if (/^May$/.test(s)) {
    // the modal verb: only a date after a preposition or determiner
    if (!/\b(?:in|since|by|until|till|through|from|of|last|next|this|early|late|mid|during|before|after)\s+$/i.test(before)) return true;
  }
  return prevIsNameWord || nextIsNameWord;
}

/** Is offset `at` on a short line among the first three lines of the text (a kicker / dateline header)? */
function isHeaderLine(src: string, at: number): boolean {
  const lineStart = src.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = src.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = src.length;
  const linesBefore = src.slice(0, lineStart).split('\n').filter((l) => l.trim()).length;
  return lineEnd - lineStart <= 100 && linesBefore <= 2;
}

function scan(src: string, where: 'title' | 'body', ref: Date): DateSpan[] {
  const cands: { start: number; end: number; kind: Kind; pri: number }[] = [];
  PATTERNS.forEach((p, pri) => {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(src); m; m = p.re.exec(src)) {
      cands.push({ start: m.index, end: m.index + m[0].length, kind: p.kind, pri });
    }
  });
  // longest first, then earlier pattern
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.pri - b.pri || a.start - b.start);
  const taken: DateSpan[] = [];
  for (const c of cands) {
    if (taken.some((t) => c.start < t.end && t.start < c.end)) continue;
    const text = src.slice(c.start, c.end);
    if (insideName(src, c.start, c.end, c.kind, text)) continue;
    const before = src.slice(Math.max(0, c.start - 30), c.start);
    // "Published April 26, 2024" in the header line above the article is the page's own date, not a mention
    if (/\b(?:Published|Updated|Posted|Modified|Last updated)(?:\s+on)?:?\s*$/i.test(before) && isHeaderLine(src, c.start)) {
      taken.push({ text: '', start: c.start, end: c.end, value: '', precision: 'day', in: where }); // block, dropped below
      continue;
    }
    // a number in a measure ("1800 x 1920 pixels"), not a year
    if (c.kind === 'y' && (/^\s*(?:x|×|by)\s*\d/.test(src.slice(c.end, c.end + 8)) || /\d\s*(?:x|×)\s*$/.test(before))) continue;
    const r = resolve(c.kind, text, ref);
    if (!r) continue;
    taken.push({ text, start: c.start, end: c.end, value: r.value, precision: r.precision, in: where });
  }
  return taken.filter((t) => t.text !== '').sort((a, b) => a.start - b.start);
}

/**
 * Date expressions in title and text, resolved against `reference` (published date or save date).
 *
 * `guessed`: the reference is only the day the article is read (it has no published date). Its relative dates
 * ("today", "last fall", "Wednesday") are then kept only where the article reads as current: where the latest year it
 * names is this year or last, or it names none. An article that names only older years (a 2015 story saved in 2026)
 * gets no relative dates rather than wrong ones; its absolute dates stand.
 */
export function findDates(title: string, text: string, reference: string | Date, opts: { guessed?: boolean } = {}): DateSpan[] {
  const ref = referenceDay(reference);
  const found = [...scan(title, 'title', ref), ...scan(text, 'body', ref)];
  if (!opts.guessed || !found.length) return found;
  // relative: resolved differently (or not at all) against another day
  const other = new Date(ref.getTime() - 400 * 86_400_000);
  const again = new Map([...scan(title, 'title', other), ...scan(text, 'body', other)].map((d) => [`${d.in}:${d.start}:${d.end}`, d.value]));
  const relative = found.map((d) => again.get(`${d.in}:${d.start}:${d.end}`) !== d.value);
  // years up to the day it is read: a target or a forecast ("by 2030") says nothing of when it was written
  const years = found.filter((_, i) => !relative[i]).map((d) => Number(d.value.slice(0, 4))).filter((y) => y > 0 && y <= ref.getUTCFullYear());
  const current = !years.length || Math.max(...years) >= ref.getUTCFullYear() - 1;
  return current ? found : found.filter((_, i) => !relative[i]);
}
