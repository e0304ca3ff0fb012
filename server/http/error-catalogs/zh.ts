import type { ErrorCode } from '../../../lib/contract/errors';

/** Chinese (simplified) error messages, by code; the same terms as the extension's catalog (lib/i18n/catalogs/zh.ts). */
export const zh: Record<ErrorCode, string> = {
  validationFailed: '请求无效。',
  malformedJson: '请求正文不是有效的 JSON。',
  weakPassword: '密码不符合密码策略。',
  invalidKeys: '发送的密钥、证书和签名不匹配。',
  unauthenticated: '请登录后继续。',
  invalidCredentials: '登录名或密码错误。',
  mfaRequired: '请输入身份验证器应用中的验证码。',
  mfaInvalid: '验证码错误、已过期或已被使用。',
  accessTokenExpired: '会话已过期。请刷新会话或重新登录。',
  forbidden: '你没有执行此操作的权限。',
  accountSuspended: '此账户已被停用。请联系管理员。',
  mfaEnrolmentRequired: '你的组织要求两步登录：请先启用身份验证器应用。',
  setupTokenInvalid: '设置令牌错误或已被使用。',
  masterKeyHashMismatch: '此设备是用另一个主密码解锁的。请重新解锁。',
  notFound: '未找到，或你无权查看。',
  methodNotAllowed: '此处不允许使用该方法。',
  conflict: '与当前状态冲突。请重新加载后重试。',
  alreadySetUp: '此服务器已完成设置。请直接登录。',
  payloadTooLarge: '请求过大。',
  unsupportedMediaType: '请发送 JSON（Content-Type: application/json）。',
  rateLimited: '尝试次数过多。请稍候再试。',
  internal: '服务器出错了。',
  serviceUnavailable: '服务器暂时不可用。请稍后再试。',
};
