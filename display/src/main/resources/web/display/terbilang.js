// Numbers as Indonesians say them ("terbilang"): 11 → "sebelas", 100 → "seratus", 1000 → "seribu".
// Pure functions, no DOM: used by speech.js and testable on their own.

const ONES = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

// Each scale word, from the largest; "se-" replaces "satu" only for ratus and ribu
// (seratus, seribu), while one million is "satu juta" in standard usage.
const SCALES = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
];

/** A non-negative or negative integer as words: 17 → "tujuh belas", 123 → "seratus dua puluh tiga". */
export function terbilang(n) {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  if (n < 0) return `minus ${terbilang(-n)}`;
  if (n >= 1e15) throw new RangeError(`too large: ${n}`);
  return words(n) || 'nol';
}

function words(n) {
  if (n === 0) return '';
  for (const [size, name] of SCALES) {
    if (n >= size) {
      const head = Math.floor(n / size);
      const prefix = head === 1 && size === 1e3 ? 'seribu' : `${words(head)} ${name}`;
      return join(prefix, words(n % size));
    }
  }
  if (n >= 100) {
    const h = Math.floor(n / 100);
    return join(h === 1 ? 'seratus' : `${ONES[h]} ratus`, words(n % 100));
  }
  if (n >= 20) return join(`${ONES[Math.floor(n / 10)]} puluh`, words(n % 10));
  if (n >= 12) return `${ONES[n - 10]} belas`;
  if (n === 11) return 'sebelas';
  if (n === 10) return 'sepuluh';
  return ONES[n];
}

const join = (a, b) => (b ? `${a} ${b}` : a);

/** Every digit on its own, leading zeros kept: "017" → "nol satu tujuh". Non-digits are skipped. */
export function spellDigits(digits) {
  return [...String(digits)].filter(c => c >= '0' && c <= '9').map(c => ONES[Number(c)]).join(' ');
}

/** Replace every run of digits in a text by its words: "Loket 12" → "Loket dua belas". */
export function numbersToWords(text) {
  return String(text).replace(/\d+/g, d => terbilang(Number(d)));
}
