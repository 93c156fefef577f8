// Unit test of the display's number words, run in the browser by DisplayVoiceAndLayoutTest (served
// by a Playwright route, never by the server). run() returns the failures, an empty list when all hold.
import { terbilang } from '/display/terbilang.js';
import { callPhrase } from '/display/speech.js';
import { callClips, CLIPS } from '/display/voice-pack.js';

const ONES = { nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9 };

/** An independent reader of Indonesian number words below a million: the words back to the number. */
export function parse(text) {
  let total = 0;
  let group = 0; // below a thousand
  let digit = null;
  const take = () => { const d = digit ?? 0; digit = null; return d; };
  for (const w of text.split(' ')) {
    if (w in ONES) {
      if (digit !== null) throw new Error(`two digits in a row in "${text}"`);
      digit = ONES[w];
    } else if (w === 'sepuluh') group += 10;
    else if (w === 'sebelas') group += 11;
    else if (w === 'belas') { const d = take(); if (d < 2) throw new Error(`"${d} belas" in "${text}"`); group += 10 + d; }
    else if (w === 'puluh') { const d = take(); if (d < 2) throw new Error(`"${d} puluh" in "${text}"`); group += 10 * d; }
    else if (w === 'seratus') group += 100;
    else if (w === 'ratus') { const d = take(); if (d < 2) throw new Error(`"${d} ratus" in "${text}"`); group += 100 * d; }
    else if (w === 'seribu') total += 1000;
    else if (w === 'ribu') { const g = group + take(); if (g < 2) throw new Error(`"${g} ribu" in "${text}"`); total += g * 1000; group = 0; }
    else throw new Error(`unknown word "${w}" in "${text}"`);
  }
  return total + group + (digit ?? 0);
}

const EXPECTED = {
  0: 'nol', 1: 'satu', 9: 'sembilan', 10: 'sepuluh', 11: 'sebelas', 12: 'dua belas', 17: 'tujuh belas', 19: 'sembilan belas',
  20: 'dua puluh', 21: 'dua puluh satu', 99: 'sembilan puluh sembilan', 100: 'seratus', 101: 'seratus satu',
  110: 'seratus sepuluh', 111: 'seratus sebelas', 115: 'seratus lima belas', 123: 'seratus dua puluh tiga',
  200: 'dua ratus', 999: 'sembilan ratus sembilan puluh sembilan', 1000: 'seribu', 1001: 'seribu satu',
  1011: 'seribu sebelas', 1100: 'seribu seratus', 1999: 'seribu sembilan ratus sembilan puluh sembilan',
  2000: 'dua ribu', 2021: 'dua ribu dua puluh satu', 9999: 'sembilan ribu sembilan ratus sembilan puluh sembilan',
  10000: 'sepuluh ribu', 11000: 'sebelas ribu', 100000: 'seratus ribu',
};

export function run() {
  const failures = [];
  const seen = new Set();
  let checked = 0;
  for (let n = 0; n <= 9999; n++) {
    const w = terbilang(n);
    checked++;
    try {
      const back = parse(w);
      if (back !== n) failures.push(`${n} → "${w}" reads back as ${back}`);
    } catch (e) {
      failures.push(`${n} → "${w}": ${e.message}`);
    }
    if (n > 0 && /\bnol\b/.test(w)) failures.push(`${n} → "${w}" says nol`);
    if (/\s{2}|^\s|\s$/.test(w)) failures.push(`${n} → "${w}" has stray spaces`);
    if (seen.has(w)) failures.push(`"${w}" said for two numbers`);
    seen.add(w);
    for (const word of w.split(' ')) if (!CLIPS.includes(word)) failures.push(`${n}: no clip for "${word}"`);
  }
  for (const [n, w] of Object.entries(EXPECTED)) {
    if (terbilang(Number(n)) !== w) failures.push(`${n} → "${terbilang(Number(n))}", expected "${w}"`);
  }
  const phrase = callPhrase('A-017', 'Loket 2');
  if (phrase !== 'Nomor antrean A tujuh belas, silakan menuju loket dua') failures.push(`A-017 at Loket 2 said "${phrase}"`);
  const p123 = callPhrase('B-123', 'Loket 12');
  if (p123 !== 'Nomor antrean B seratus dua puluh tiga, silakan menuju loket dua belas') failures.push(`B-123 said "${p123}"`);
  const clips = callClips('A-017', 'Loket 2').join(' ');
  if (clips !== 'nomor-antrean huruf-a tujuh belas silakan-menuju loket dua') failures.push(`A-017 clips "${clips}"`);
  return { checked, failures };
}
