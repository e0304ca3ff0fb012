import type { ErrorCode } from '../../../lib/contract/errors';

/** Spanish error messages, by code; the same terms as the extension's catalog (lib/i18n/catalogs/es.ts). */
export const es: Record<ErrorCode, string> = {
  validationFailed: 'La solicitud no es válida.',
  malformedJson: 'El cuerpo de la solicitud no es JSON válido.',
  weakPassword: 'La contraseña no cumple la política de contraseñas.',
  invalidKeys: 'Las claves, el certificado y las firmas enviados no corresponden entre sí.',
  unauthenticated: 'Inicia sesión para continuar.',
  invalidCredentials: 'Usuario o contraseña incorrectos.',
  mfaRequired: 'Introduce el código de tu aplicación de autenticación.',
  mfaInvalid: 'El código es incorrecto, ha caducado o ya se ha utilizado.',
  accessTokenExpired: 'Tu sesión ha caducado. Renuévala o vuelve a iniciar sesión.',
  forbidden: 'No tienes permiso para hacer esto.',
  accountSuspended: 'Esta cuenta está suspendida. Pide ayuda a un administrador.',
  mfaEnrolmentRequired: 'Tu organización exige el inicio de sesión en dos pasos: activa una aplicación de autenticación para continuar.',
  setupTokenInvalid: 'El token de configuración es incorrecto o ya se ha utilizado.',
  masterKeyHashMismatch: 'Este dispositivo está desbloqueado con otra contraseña maestra. Vuelve a desbloquearlo.',
  notFound: 'No existe o no tienes acceso.',
  methodNotAllowed: 'Este método no está permitido aquí.',
  conflict: 'Esto entra en conflicto con el estado actual. Recarga y vuelve a intentarlo.',
  alreadySetUp: 'Este servidor ya está configurado. Inicia sesión.',
  payloadTooLarge: 'La solicitud es demasiado grande.',
  unsupportedMediaType: 'Envía JSON (Content-Type: application/json).',
  rateLimited: 'Demasiados intentos. Espera un momento y vuelve a intentarlo.',
  internal: 'Algo ha salido mal en el servidor.',
  serviceUnavailable: 'El servidor no está disponible en este momento. Vuelve a intentarlo en breve.',
};
