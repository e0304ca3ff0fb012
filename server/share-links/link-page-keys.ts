import type { MessageKey } from '../../lib/i18n/translate';

/** The catalog keys the link page shows: the server sends just these, in the page's language. */
export const LINK_PAGE_KEYS = [
  'linkPage.title',
  'linkPage.intro',
  'linkPage.previewNote',
  'linkPage.reveal',
  'linkPage.revealing',
  'linkPage.viewsLeft',
  'linkPage.lastView',
  'linkPage.expires',
  'linkPage.field.name',
  'linkPage.field.login',
  'linkPage.field.password',
  'linkPage.field.url',
  'linkPage.field.notes',
  'linkPage.field.totp',
  'linkPage.copy',
  'linkPage.copied',
  'linkPage.show',
  'linkPage.hide',
  'linkPage.error.fragment',
  'linkPage.error.notFound',
  'linkPage.error.expired',
  'linkPage.error.usedUp',
  'linkPage.error.revoked',
  'linkPage.error.rateLimited',
  'linkPage.error.decrypt',
  'linkPage.error.network',
] as const satisfies readonly MessageKey[];

/** A string the link page shows. */
export type LinkPageKey = (typeof LINK_PAGE_KEYS)[number];
