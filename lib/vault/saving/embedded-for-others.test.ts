import { describe, expect, it } from 'vitest';
import { asksForOtherServices } from './embedded-for-others';

describe('asksForOtherServices', () => {
  it.each([
    ['https://cdn.plaid.com/link', 'https://budget-app.test/connect', true],
    ['https://plaid.com/login', 'https://plaid.com/', false],
    ['https://www.schwab.com/login', 'https://www.schwab.com/', false],
    ['https://www.schwab.com/login', 'https://portfolio.test/', true],
    ['https://login.acme.test/', 'https://www.acme.test/', false],
  ])('a frame at %s inside %s: %s', (frame, top, expected) => {
    expect(asksForOtherServices(frame, top)).toBe(expected);
  });
});
