import type { ImportedField } from './imported-entry';
import { isObject, text } from './json-values';

// A .1pux section field holds its value under a key naming its kind: {"concealed": "…"},
// {"string": "…"}, {"totp": "otpauth://…"}, {"date": 1700000000}… (docs/import.md "1Password .1pux").
const SECRET_KINDS = new Set(['concealed', 'totp']);

/** The non-empty fields of one section as custom fields, each flagged when it is the one-time-password secret. */
export function sectionFields(section: unknown): (ImportedField & { totp: boolean })[] {
  if (!isObject(section) || !Array.isArray(section.fields)) return [];
  return section.fields.flatMap((field) => {
    if (!isObject(field) || !isObject(field.value)) return [];
    const [kind, raw] = Object.entries(field.value)[0] ?? ['', undefined];
    const value = valueText(kind, raw);
    if (!value) return [];
    return [{ label: text(field.title) || text(field.id), value, secret: SECRET_KINDS.has(kind), totp: kind === 'totp' }];
  });
}

function valueText(kind: string, raw: unknown): string {
  if (kind === 'date' && typeof raw === 'number') return new Date(raw * 1000).toISOString().slice(0, 10);
  if (kind === 'monthYear' && typeof raw === 'number') return `${String(raw).slice(0, 4)}-${String(raw).slice(4)}`;
  if (kind === 'email' && isObject(raw)) return text(raw.email_address);
  return text(raw);
}
