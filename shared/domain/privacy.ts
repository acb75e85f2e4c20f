// Personal data (metrics.md, "Personal data"): the one place that masks. Titles are masked as they
// enter the core's state, with the ticket's own citizen, so no screen payload can carry an unmasked
// one; ticket detail masks the stored content, timeline and citizen through the same functions.
//
// Numbers are found as people write them: every character is read in its NFKC form (full-width
// １３８, circled ⑳, superscripts...), digits may be split by separators (spaces, hyphens and dashes,
// dots), with `+86`/`86`/`0086` in front. Every run of 7 or more digits is masked, so no masked text
// holds 7 digits in a row even once the separators between them are removed:
// - a mobile (1[3-9] and 9 digits) keeps its first 3 and last 4 digits: 138****5678;
// - a date written with separators (2026-11-30) is written 2026年11月30日, which says the same;
// - any other number (a landline with or without its area code, an 18- or 15-character ID number, an
//   account or a plate) keeps its first three and last two characters, the rest starred, separators
//   included: 0538-6221234 → 053*******34.
// The citizen's own name becomes its surname and stars wherever it appears; their own phone too,
// even when it is too short for the rule above (a 6-digit 短号).
import { surnameOf } from './surnames.ts';

export interface CitizenData {
  name?: string | null;
  phone?: string | null;
}

/** The longest run that is left as it is (a year with a month: 202611). */
const LONGEST_KEPT = 6;

/**
 * Characters that are a decimal digit, or whose NFKC form holds one (full-width and mathematical
 * digits are \p{Nd}; circled, parenthesised and super/subscript digits, fractions, ㎡, the telegraph
 * symbols ㋀ ㍘ ㏠ are not), and the Chinese numerals numbers are read out with (幺 = 1). The unit
 * tests check the set against NFKC for every code point.
 */
const DIGIT_SOURCE =
  /[\p{Nd}\u00B2\u00B3\u00B9\u00BC-\u00BE\u2070\u2074-\u2079\u2080-\u2089\u2150-\u215F\u2189\u2460-\u249B\u24EA\u3251-\u325F\u32B1-\u32CB\u3358-\u3370\u3378\u3379\u339F-\u33A6\u33A8\u33AF\u33E0-\u33FE\u{1F100}-\u{1F10A}〇零一二三四五六七八九幺]/u;

/** The Chinese numerals, by UTF-16 code: their digit value. */
const CHINESE_DIGITS: ReadonlyMap<number, number> = new Map(
  Array.from('〇零一幺二三四五六七八九', (c, i) => [c.charCodeAt(0), [0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9][i]]),
);

/** Between digits, in NFKC form: white space, hyphens and dashes, minus, dots. */
const SEPARATOR = /^[\s\p{Pd}\u2212.·•・]+$/u;
const ND = /^\p{Nd}$/u;
const MOBILE = /^(0086|86)?(1[3-9]\d{9})$/;
const DATE = /^(\d{4})([-.])(\d{1,2})\2(\d{1,2})(\s+\d{1,2})?$/;

/** Per UTF-16 unit of the BMP: 1 for a digit or Chinese numeral, 2 for another digit source, else 0. */
let bmpWeights: Uint8Array | null = null;
function weights(): Uint8Array {
  if (bmpWeights) return bmpWeights;
  const w = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (DIGIT_SOURCE.test(ch)) w[c] = (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) || CHINESE_DIGITS.has(c) ? 1 : 2;
  }
  return (bmpWeights = w);
}

/**
 * An upper bound of the digits `text` holds in NFKC form, counted until `enough`: a plain digit or
 * a Chinese numeral counts 1, any other digit source 2 (⑳ is "20"). The fast path: most titles hold
 * a house number and a year at most, and this is one table look-up per character.
 */
function digitWeight(text: string, enough: number): number {
  const w = weights();
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      // Beyond the BMP (mathematical digits 𝟏, 🄂): any digit source counts 2.
      if (DIGIT_SOURCE.test(text.slice(i, i + 2))) n += 2;
      i++;
    } else n += w[c];
    if (n >= enough) break;
  }
  return n;
}

/** The value of a decimal digit of any script: digits are encoded in runs 0-9 (Unicode, Nd). */
function ndValue(cp: number): number {
  let start = cp;
  while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** One code point of the text's NFKC form, with the source character it comes from. */
interface Unit {
  ch: string;
  /** Its digit value, or -1. */
  digit: number;
  /** UTF-16 range of the source character. */
  from: number;
  to: number;
  /** The source character's NFKC form is several code points with a digit (⑳): written out normalised. */
  expanded: boolean;
}

function digitOf(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
  const chinese = CHINESE_DIGITS.get(c);
  if (chinese !== undefined) return chinese;
  if (ch.length === 1 && weights()[c] === 0) return -1;
  return ND.test(ch) ? ndValue(ch.codePointAt(0)!) : -1;
}

function unitsOf(text: string): Unit[] {
  const units: Unit[] = [];
  for (let from = 0; from < text.length;) {
    const cp = text.codePointAt(from)!;
    const to = from + (cp > 0xffff ? 2 : 1);
    const ch = text.slice(from, to);
    // ASCII and the common ideographs are their own NFKC form.
    const n = cp < 0x80 || (cp >= 0x4e00 && cp <= 0x9fff) ? ch : ch.normalize('NFKC');
    if (n.length === to - from || n.length === 1) units.push({ ch: n, digit: digitOf(n), from, to, expanded: false });
    else if (Array.from(n).some((u) => digitOf(u) >= 0)) {
      for (const u of n) units.push({ ch: u, digit: digitOf(u), from, to, expanded: true });
    } else units.push({ ch: SEPARATOR.test(n) ? n : ch, digit: -1, from, to, expanded: false });
    from = to;
  }
  return units;
}

const isSeparator = (u: Unit | undefined) => u !== undefined && u.digit < 0 && SEPARATOR.test(u.ch);
const isX = (u: Unit | undefined) => u !== undefined && (u.ch === 'X' || u.ch === 'x');

/** The digits of a phone field, a mobile without its +86; null when it has fewer than 5. */
function phoneDigits(phone: string): string | null {
  let d = '';
  for (const u of unitsOf(phone)) if (u.digit >= 0) d += String(u.digit);
  const mobile = MOBILE.exec(d);
  if (mobile) return mobile[2];
  return d.length >= 5 ? d : null;
}

/** What a run of digits becomes on a screen; null: left as written. */
function maskRun(digits: string, written: string, hasX: boolean, own: string | null): string | null {
  const mobile = hasX ? null : MOBILE.exec(digits);
  // The country code is not personal, but glued to the 3 digits kept it must stay short: +86, 86.
  if (mobile) return `${mobile[1] === '0086' ? '+86' : (mobile[1] ?? '')}${mobile[2].slice(0, 3)}****${mobile[2].slice(7)}`;
  if (digits.length <= LONGEST_KEPT && digits !== own) return null;
  const date = DATE.exec(written);
  if (date && !hasX) {
    const [, y, , m, d, hour] = date;
    if (+y >= 1900 && +y <= 2099 && +m >= 1 && +m <= 12 && +d >= 1 && +d <= 31) return `${y}年${m}月${d}日${hour ?? ''}`;
  }
  const chars = Array.from(written).length;
  if (chars <= 5) return '*'.repeat(chars);
  const tail = hasX ? `${digits.slice(-1)}X` : digits.slice(-2);
  return digits.slice(0, 3) + '*'.repeat(chars - 5) + tail;
}

interface Replacement {
  /** Units [start, end) become `text`. */
  start: number;
  end: number;
  text: string;
}

/** The runs of digits to mask, in order. */
function replacements(units: Unit[], own: string | null): Replacement[] {
  const found: Replacement[] = [];
  let i = 0;
  while (i < units.length) {
    if (units[i].digit < 0) {
      i++;
      continue;
    }
    // A run: digits, with separators between them.
    let digits = '';
    let end = i;
    for (let j = i; j < units.length;) {
      if (units[j].digit >= 0) {
        digits += String(units[j].digit);
        end = ++j;
        continue;
      }
      let k = j;
      while (isSeparator(units[k])) k++;
      if (k === j || k >= units.length || units[k].digit < 0) break;
      j = k;
    }
    // An ID number's check character: 17 digits, then X.
    let hasX = false;
    if (digits.length === 17) {
      let k = end;
      while (isSeparator(units[k])) k++;
      if (isX(units[k])) {
        hasX = true;
        end = k + 1;
      }
    }
    let written = '';
    for (let k = i; k < end; k++) written += units[k].ch;
    const text = maskRun(digits, written, hasX, own);
    if (text !== null) found.push({ start: i, end, text });
    i = end;
  }
  return found;
}

function maskNumbers(text: string, own: string | null): string {
  const units = unitsOf(text);
  const found = replacements(units, own);
  if (found.length === 0) return text;
  // A character whose NFKC form is several units (⑳) is written normalised only when a masked run
  // takes part of it; otherwise every character is written as it was.
  const split = new Set<number>();
  for (const r of found) for (let k = r.start; k < r.end; k++) if (units[k].expanded) split.add(units[k].from);
  let out = '';
  let next = 0;
  for (let k = 0; k < units.length;) {
    const r = found[next];
    if (r && r.start === k) {
      out += r.text;
      k = r.end;
      next++;
      continue;
    }
    const u = units[k];
    if (split.has(u.from)) out += u.ch;
    else if (k === 0 || units[k - 1].from !== u.from) out += text.slice(u.from, u.to);
    k++;
  }
  return out;
}

/**
 * Masks what a screen must not show in free text: phone, ID and other long numbers, in whatever form
 * they are written, and, given the ticket's citizen, their name and phone.
 */
export function maskText(text: string, citizen?: CitizenData | null): string {
  let out = text;
  const name = citizen?.name?.trim();
  // Two UTF-16 units at least: a one-character name shows as itself anyway.
  if (name !== undefined && name.length >= 2 && out.includes(name)) out = out.replaceAll(name, maskName(name));
  const weight = digitWeight(out, LONGEST_KEPT + 1);
  if (weight < 5) return out;
  // A phone of 7 digits or more is masked as any number is; a shorter one (a 6-digit 短号) by itself.
  const phone = citizen?.phone;
  const own = phone && digitWeight(phone, LONGEST_KEPT + 1) <= LONGEST_KEPT ? phoneDigits(phone) : null;
  return weight > LONGEST_KEPT || (own !== null && own.length <= weight) ? maskNumbers(out, own) : out;
}

/** A phone field: a mobile keeps 3 + 4 digits; anything else keeps its first 3 and last 2 characters. */
export function maskPhone(phone: string): string {
  const p = phone.trim().normalize('NFKC');
  let d = '';
  for (const u of unitsOf(p)) if (u.digit >= 0) d += String(u.digit);
  const mobile = /^[\d\s+\-()]+$/.test(p) ? MOBILE.exec(d) : null;
  if (mobile) return `${mobile[2].slice(0, 3)}****${mobile[2].slice(7)}`;
  const chars = Array.from(p);
  if (chars.length <= 5) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 5) + chars.slice(-2).join('');
}

/** A citizen's name: the surname and one * per further character (张三 → 张*, 欧阳娜娜 → 欧阳**). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  const surname = surnameOf(chars.join(''));
  return surname + '*'.repeat(chars.length - Array.from(surname).length);
}
