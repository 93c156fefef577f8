// On-screen keys. The kiosk has no physical keyboard in normal use, and residents may wear
// gloves, so keys are large buttons; a physical keyboard (staff, tests) works as well.
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { t } from './i18n.js';

/** 3×4 numeric keypad: 1–9, then "clear", 0, "delete one". */
export function numericKeypad({ onDigit, onBack, onClear, label }) {
  const digit = (d) => h('button', {
    type: 'button', class: 'key', dataset: { testid: `key-${d}` },
    onclick: () => onDigit(String(d)),
  }, String(d));
  return h('div', { class: 'keypad', role: 'group', 'aria-label': label },
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map(digit),
    h('button', { type: 'button', class: 'key key-fn', dataset: { testid: 'key-clear' }, onclick: onClear },
      t('clearAll')),
    digit(0),
    h('button', {
      type: 'button', class: 'key key-fn', dataset: { testid: 'key-back' }, 'aria-label': t('deleteDigit'),
      onclick: onBack,
    }, icon(ICONS.backspace), h('span', { class: 'key-caption' }, t('deleteChar'))),
  );
}

/** Physical keyboard on digit screens: digits, Backspace, Escape (clear), Enter (next). */
export function digitKeyHandler({ onDigit, onBack, onClear, onEnter }) {
  return (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (/^[0-9]$/.test(e.key)) onDigit(e.key);
    else if (e.key === 'Backspace') onBack();
    else if (e.key === 'Delete' || e.key === 'Escape') onClear();
    else if (e.key === 'Enter' && onEnter) onEnter();
    else return false;
    e.preventDefault();
    return true;
  };
}

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl-', 'zxcvbnm,./'];

/** A plain letter keyboard for the short urgency note (only "OTHER" needs text). */
export function textKeyboard({ onChar, onBack, label, digits = true }) {
  const key = (ch) => h('button', {
    type: 'button', class: 'tkey', dataset: { testid: `kb-${ch}` }, onclick: () => onChar(ch),
  }, ch);
  return h('div', { class: 'keyboard', role: 'group', 'aria-label': label || t('noteLabel') },
    (digits ? ROWS : ROWS.slice(1)).map((row) => h('div', { class: 'kb-row' }, [...row].map(key))),
    h('div', { class: 'kb-row' },
      h('button', { type: 'button', class: 'tkey tkey-space', dataset: { testid: 'kb-space' }, onclick: () => onChar(' ') },
        t('space')),
      h('button', {
        type: 'button', class: 'tkey tkey-fn', dataset: { testid: 'kb-back' }, 'aria-label': t('deleteChar'),
        onclick: onBack,
      }, icon(ICONS.backspace), h('span', { class: 'key-caption' }, t('deleteChar'))),
    ),
  );
}
