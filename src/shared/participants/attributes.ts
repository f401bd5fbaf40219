/**
 * Attribute values: how a value of each attribute type is checked, written as text (the table
 * and the roster CSV) and read back. Pure.
 * - text: any clean text up to 1000 characters;
 * - number: a finite number ('12', '-3.5', '1e3');
 * - date: a calendar date 'YYYY-MM-DD';
 * - boolean: true/false (also yes/no, 1/0, case-insensitive, when read from text).
 */
import { textProblem } from '../limits';
import type { AttributeType, AttributeValue } from './types';

export const ATTRIBUTE_TEXT_MAX = 1000;
const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The value of an attribute of `type` from a text or JSON value, or the problem with it. */
export function parseAttributeValue(type: AttributeType, raw: AttributeValue): { value: AttributeValue } | { problem: string } {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (type) {
    case 'number': {
      const n = typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text) : NaN;
      return Number.isFinite(n) ? { value: n } : { problem: `${JSON.stringify(String(raw))} is not a number` };
    }
    case 'boolean': {
      if (typeof text === 'boolean') return { value: text };
      const t = String(text).toLowerCase();
      if (TRUE.has(t)) return { value: true };
      if (FALSE.has(t)) return { value: false };
      return { problem: `${JSON.stringify(String(raw))} is not true or false` };
    }
    case 'date':
      return typeof text === 'string' && validDate(text) ? { value: text } : { problem: `${JSON.stringify(String(raw))} is not a date like 2024-03-01` };
    case 'text': {
      if (typeof text !== 'string') return { problem: `${JSON.stringify(raw)} is not text` };
      const p = textProblem(text, ATTRIBUTE_TEXT_MAX);
      return p ? { problem: `the text ${p}` } : { value: text };
    }
  }
}

/** The stored text of a checked value. */
export const attributeText = (v: AttributeValue): string => (typeof v === 'string' ? v : String(v));

/** A stored text read back as a value of `type` (a value that does not parse stays text). */
export function attributeFromText(type: AttributeType, text: string): AttributeValue {
  const r = parseAttributeValue(type, text);
  return 'value' in r ? r.value : text;
}
