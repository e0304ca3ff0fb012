import type { ErrorCode } from '../../../lib/contract/errors';

/** German error messages, by code; the same terms as the extension's catalog (lib/i18n/catalogs/de.ts). */
export const de: Record<ErrorCode, string> = {
  validationFailed: 'Die Anfrage ist ungültig.',
  malformedJson: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  weakPassword: 'Das Passwort entspricht nicht der Passwortrichtlinie.',
  invalidKeys: 'Die gesendeten Schlüssel, das Zertifikat und die Signaturen passen nicht zusammen.',
  unauthenticated: 'Melden Sie sich an, um fortzufahren.',
  invalidCredentials: 'Anmeldename oder Passwort ist falsch.',
  mfaRequired: 'Geben Sie den Code aus Ihrer Authenticator-App ein.',
  mfaInvalid: 'Dieser Code ist falsch, abgelaufen oder wurde bereits verwendet.',
  accessTokenExpired: 'Ihre Sitzung ist abgelaufen. Erneuern Sie sie oder melden Sie sich erneut an.',
  forbidden: 'Dazu fehlt Ihnen die Berechtigung.',
  accountSuspended: 'Dieses Konto ist gesperrt. Wenden Sie sich an einen Administrator.',
  mfaEnrolmentRequired: 'Ihre Organisation verlangt die Anmeldung in zwei Schritten: Richten Sie eine Authenticator-App ein, um fortzufahren.',
  setupTokenInvalid: 'Das Einrichtungstoken ist falsch oder wurde bereits verwendet.',
  masterKeyHashMismatch: 'Dieses Gerät ist mit einem anderen Master-Passwort entsperrt. Entsperren Sie es erneut.',
  notFound: 'Nicht gefunden oder für Sie nicht sichtbar.',
  methodNotAllowed: 'Diese Methode ist hier nicht erlaubt.',
  conflict: 'Das steht im Widerspruch zum aktuellen Stand. Laden Sie neu und versuchen Sie es erneut.',
  alreadySetUp: 'Dieser Server ist bereits eingerichtet. Melden Sie sich stattdessen an.',
  payloadTooLarge: 'Die Anfrage ist zu groß.',
  unsupportedMediaType: 'Senden Sie JSON (Content-Type: application/json).',
  rateLimited: 'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es erneut.',
  internal: 'Auf dem Server ist ein Fehler aufgetreten.',
  serviceUnavailable: 'Der Server ist gerade nicht verfügbar. Versuchen Sie es gleich noch einmal.',
};
