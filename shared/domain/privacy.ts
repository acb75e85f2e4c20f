// Personal data (metrics.md, "Personal data"): the one place that masks. Titles are masked as they
// enter the core's state, so no screen payload can carry an unmasked one; ticket detail masks the
// stored content and citizen through the same functions.

// An 18-character resident ID: 17 digits and a digit or X. Not inside a longer run of letters/digits.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{3})\d{13}([0-9Xx]{2})(?![0-9A-Za-z])/g;
// A mainland mobile number: 1[3-9] and nine more digits, optionally written +86 / 86 before.
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
// A landline with its area code: 0 + 2-3 digits, an optional hyphen or space, 7-8 digits.
const LANDLINE = /(?<!\d)(0\d{2})[\d -]{6,10}(\d{2})(?!\d)/g;

function starMiddle(match: string, head: string, tail: string): string {
  return head + '*'.repeat(match.length - head.length - tail.length) + tail;
}

/** Masks phone and ID numbers in free text: 13812345678 → 138****5678; others keep 3 + 2. */
export function maskText(text: string): string {
  if (!/\d{7}/.test(text.replace(/[ -]/g, ''))) return text; // fast path: nothing number-like
  return text
    .replace(ID_NUMBER, (m, h: string, t: string) => starMiddle(m, h, t))
    .replace(MOBILE, (_m, h: string, t: string) => `${h}****${t}`)
    .replace(LANDLINE, (m, h: string, t: string) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 10 && digits <= 12 ? starMiddle(m, h, t) : m;
    });
}

/** A phone field: a mobile keeps 3 + 4 digits; anything else keeps its first 3 and last 2 characters. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (/^(\+?86)?1[3-9]\d{9}$/.test(p.replace(/[ -]/g, ''))) {
    const d = p.replace(/\D/g, '').slice(-11);
    return `${d.slice(0, 3)}****${d.slice(7)}`;
  }
  const chars = Array.from(p);
  if (chars.length <= 5) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 5) + chars.slice(-2).join('');
}

/** A citizen's name: the surname and one * per further character (张三 → 张*, 欧阳娜娜 → 欧***). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(chars.length - 1);
}
