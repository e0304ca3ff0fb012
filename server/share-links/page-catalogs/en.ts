// The recipient's page of a share link, in English: the keys every other language must have.

/** English strings of the link page, by key. */
export const en = {
  'title': 'Shared with you',
  'needsScript': 'This page needs JavaScript to decrypt what was shared with you.',
  'intro': 'Someone shared a password with you through Keyhold. It is decrypted here, in your browser: the server cannot read it.',
  'previewNote': 'Opening this page does not use the link. A view is counted only when you press “Reveal”.',
  'reveal': 'Reveal',
  'revealing': 'Decrypting…',
  'viewsLeft': 'This link can be opened {count} more time(s).',
  'lastView': 'This was the last view: the link no longer opens. Copy what you need now.',
  'expires': 'The link expires on {time}.',
  'field.name': 'Entry',
  'field.login': 'Login',
  'field.password': 'Password',
  'field.url': 'Website',
  'field.notes': 'Notes',
  'field.totp': 'One-time code',
  'copy': 'Copy',
  'copied': 'Copied',
  'show': 'Show',
  'hide': 'Hide',
  'error.fragment': 'This link is incomplete: the part after “#” is missing or damaged. Ask for the link again and copy all of it.',
  'error.notFound': 'This link does not exist, or its key is wrong. Check that the whole link was copied.',
  'error.expired': 'This link has expired. Ask the person who shared it for a new one.',
  'error.usedUp': 'This link was already used and no longer opens. Ask the person who shared it for a new one.',
  'error.revoked': 'The person who shared this link revoked it.',
  'error.rateLimited': 'Too many failed attempts from your address. Wait a few minutes and try again.',
  'error.decrypt': 'What was shared could not be decrypted: the link or the stored data is damaged.',
  'error.network': 'The server could not be reached. Check your connection and try again.',
} as const;

/** A string the link page shows. */
export type LinkPageKey = keyof typeof en;

/** The link page's strings in one language. */
export type LinkPageCatalog = Readonly<Record<LinkPageKey, string>>;
