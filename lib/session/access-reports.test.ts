import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client';
import { accessEventType, outcomeOfError } from './access-reports';

describe('accessEventType', () => {
  it.each([
    ['viewed', 'password', 'password.viewed'],
    ['copied', 'password', 'password.copied'],
    ['filled', 'password', 'password.filled'],
    ['copied', 'totp', 'totp.copied'],
    ['filled', 'totp', 'totp.filled'],
    ['viewed', 'notes', 'field.viewed'],
    ['copied', 'text', 'field.copied'],
    ['filled', 'text', null],
  ] as const)('%s %s → %s', (action, fieldType, expected) => {
    expect(accessEventType(action, fieldType)).toBe(expected);
  });
});

describe('outcomeOfError', () => {
  const refused = (status: number, field: string | null) => new ApiRequestError(status, [{ code: status === 404 ? 'notFound' : 'validationFailed', field, message: 'no' }]);

  it.each([
    ['an entry gone from the server', refused(404, 'body.events.3.itemId'), { rejected: 3 }],
    ['a field of another type', refused(400, 'body.events.0.field'), { rejected: 0 }],
    ['a batch refused whole', refused(400, 'body'), 'discard'],
    ['an expired session', refused(401, null), 'retry'],
    ['a wrong master key hash', refused(403, null), 'retry'],
    ['a server error', refused(500, null), 'retry'],
    ['no network', new TypeError('fetch failed'), 'retry'],
  ])('%s', (_, error, expected) => {
    expect(outcomeOfError(error)).toEqual(expected);
  });
});
