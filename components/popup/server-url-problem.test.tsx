import { describe, expect, it } from 'vitest';
import { serverUrlProblem } from './server-url-problem';

describe('server address check', () => {
  it.each([
    ['https://vault.acme.test', null],
    ['vault.acme.test', null],
    ['http://localhost:8443', null],
    ['http://127.0.0.1:8443', null],
    ['http://vault.acme.test', 'firstRun.error.notHttps'],
    ['ftp://vault.acme.test', 'firstRun.error.notHttps'],
    ['https://user:pw@vault.acme.test', 'firstRun.error.invalidUrl'],
    ['https://', 'firstRun.error.invalidUrl'],
  ])('%s → %s', (typed, problem) => {
    expect(serverUrlProblem(typed)).toBe(problem);
  });
});
