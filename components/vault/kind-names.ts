import type { FIELD_TYPES, URL_MATCHES } from '../../lib/contract/item-kinds';
import type { MessageKey } from '../../lib/i18n/translate';

// The catalog keys that name an entry's field types and URL match rules, for every vault page
// component that shows or offers them.

/** A field type's name ("Password", "Notes"), e.g. for a field without a label. */
export const FIELD_NAMES: Readonly<Record<(typeof FIELD_TYPES)[number], MessageKey>> = {
  password: 'vault.field.password',
  text: 'vault.field.text',
  totp: 'vault.field.totp',
  notes: 'vault.field.notes',
};

/** A URL match rule's name ("same site", "starts with"). */
export const MATCH_NAMES: Readonly<Record<(typeof URL_MATCHES)[number], MessageKey>> = {
  domain: 'vault.match.domain',
  host: 'vault.match.host',
  'starts-with': 'vault.match.startsWith',
  exact: 'vault.match.exact',
  regex: 'vault.match.regex',
  never: 'vault.match.never',
};
