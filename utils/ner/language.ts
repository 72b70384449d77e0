/**
 * Whether a text is English, the one language the recogniser and the date patterns know. On another language they
 * mark garbage ("CNIL" as a person, "Buenos Aires" as an organisation), so such an article gets no entities or dates.
 *
 * By its words first, the page's lang attribute second (often missing, or a site template's default):
 * - in running English text about a fifth of the words are English function words (0.19-0.33 on the English pages of
 *   the fixtures): English;
 * - where the words are mostly not in Latin letters (Chinese, Japanese, Russian, Arabic…), or the function words of
 *   French, Spanish, German, Portuguese, Italian, Dutch or Czech are common, or accented letters are: not English;
 * - otherwise (clipped briefs, results tables, a text too short to tell): as the page's language says, English where it
 *   says nothing.
 */
const ENGLISH = new Set(
  'the of and to in a is that for on with was as by it at from said his he has have are be this an which but not were their its'.split(' '),
);
/** Function words of other languages written in Latin letters (none of them an English word). */
const FOREIGN = new Set(
  ('le la les des et est une dans du pour que qui pas sur au aux sont ont été ' + // French
    'el los las del y por con una para es se lo como más pero ' + // Spanish
    'der die das und ist nicht ein eine mit den dem sich auf zu von wird ' + // German
    'os da do em não com uma para são dos das ' + // Portuguese
    'il di che è per non sono della nel gli ' + // Italian
    'het een van niet dat zijn op voor met ook ' + // Dutch
    'je se na že do jsou pro jako ale po ve ze od') // Czech
    .split(' ').filter((w) => !ENGLISH.has(w)),
);
const ENGLISH_RATE = 0.12;
const FOREIGN_RATE = 0.06;
const SAMPLE_WORDS = 3000;
const MIN_WORDS = 40;

export function looksEnglish(text: string, lang?: string | null): boolean {
  const words = text.slice(0, 40_000).toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const sample = words.length > SAMPLE_WORDS ? words.slice(0, SAMPLE_WORDS) : words;
  const declared = !lang || /^en\b/i.test(lang);
  if (!sample.length) return declared;
  let en = 0;
  let foreign = 0;
  let latin = 0;
  let accented = 0;
  for (const w of sample) {
    if (ENGLISH.has(w)) en++;
    else if (FOREIGN.has(w)) foreign++;
    if (/^[a-z'\u00c0-\u024f]+$/.test(w)) {
      latin++;
      if (/[\u00c0-\u024f]/.test(w)) accented++;
    }
  }
  const n = sample.length;
  if (latin / n < 0.5) return false; // Chinese, Japanese, Russian, Arabic…
  if (n < MIN_WORDS) return declared;
  if (en / n >= ENGLISH_RATE) return true;
  // other languages' function words, or their accented letters (English has next to none: names, "café")
  if (foreign / n >= FOREIGN_RATE || accented / n >= 0.08) return false;
  return declared;
}
