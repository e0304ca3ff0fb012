import type { ErrorCode } from '../../../lib/contract/errors';

/** French error messages, by code; the same terms as the extension's catalog (lib/i18n/catalogs/fr.ts). */
export const fr: Record<ErrorCode, string> = {
  validationFailed: 'La requête n’est pas valide.',
  malformedJson: 'Le corps de la requête n’est pas du JSON valide.',
  weakPassword: 'Le mot de passe ne respecte pas la politique de mots de passe.',
  invalidKeys: 'Les clés, le certificat et les signatures envoyés ne vont pas ensemble.',
  unauthenticated: 'Connectez-vous pour continuer.',
  invalidCredentials: 'Identifiant ou mot de passe incorrect.',
  mfaRequired: 'Saisissez le code de votre application d’authentification.',
  mfaInvalid: 'Ce code est incorrect, expiré ou déjà utilisé.',
  accessTokenExpired: 'Votre session a expiré. Renouvelez-la ou reconnectez-vous.',
  forbidden: 'Vous n’avez pas l’autorisation de faire cela.',
  accountSuspended: 'Ce compte est suspendu. Adressez-vous à un administrateur.',
  mfaEnrolmentRequired: 'Votre organisation exige la connexion en deux étapes : activez une application d’authentification pour continuer.',
  setupTokenInvalid: 'Le jeton de configuration est incorrect ou a déjà été utilisé.',
  masterKeyHashMismatch: 'Cet appareil est déverrouillé avec un autre mot de passe maître. Déverrouillez-le à nouveau.',
  notFound: 'Introuvable, ou inaccessible pour vous.',
  methodNotAllowed: 'Cette méthode n’est pas autorisée ici.',
  conflict: 'Cela entre en conflit avec l’état actuel. Rechargez puis réessayez.',
  alreadySetUp: 'Ce serveur est déjà configuré. Connectez-vous plutôt.',
  payloadTooLarge: 'La requête est trop volumineuse.',
  unsupportedMediaType: 'Envoyez du JSON (Content-Type\u00a0: application/json).',
  rateLimited: 'Trop de tentatives. Patientez un instant puis réessayez.',
  internal: 'Une erreur s’est produite sur le serveur.',
  serviceUnavailable: 'Le serveur est indisponible pour le moment. Réessayez dans un instant.',
};
