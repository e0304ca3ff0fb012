import { describe, expect, it } from 'vitest';
import { formatInvitationFragment } from '../crypto/invitation';
import { formatInvitationLink, formatRecoveryLink, parseInvitationLink, parseRecoveryLink } from './invitation-link';
import { isRecoveryLink } from './recovery-link-kind';

const fragment = formatInvitationFragment('ab'.repeat(32), new Uint8Array(32).fill(7));

describe('invitation links', () => {
  it('round-trips the server, the invitation and the fragment', () => {
    const link = formatInvitationLink('https://vault.acme.test/keyhold', 'invitation-123', fragment);
    expect(parseInvitationLink(`  ${link} `)).toEqual({ serverUrl: 'https://vault.acme.test/keyhold', invitationId: 'invitation-123', fragment });
  });

  it.each([
    ['no fragment', 'https://vault.acme.test/join/invitation-123'],
    ['no join path', `https://vault.acme.test/invite/invitation-123#${fragment}`],
    ['a damaged fragment', 'https://vault.acme.test/join/invitation-123#org=zz&secret=abc'],
  ])('refuses a link with %s', (_, link) => {
    expect(() => parseInvitationLink(link)).toThrow();
  });

  it('refuses a link to a plain-http server', () => {
    expect(() => parseInvitationLink(`http://vault.acme.test/join/invitation-123#${fragment}`)).toThrow(/https/);
  });
});

describe('recovery links', () => {
  it('round-trips, and neither kind of link passes for the other', () => {
    const link = formatRecoveryLink('https://vault.acme.test', 'recovery-123', fragment);
    expect(parseRecoveryLink(link)).toEqual({ serverUrl: 'https://vault.acme.test', invitationId: 'recovery-123', fragment });
    expect(isRecoveryLink(link)).toBe(true);
    expect(() => parseInvitationLink(link)).toThrow();
    const invitation = formatInvitationLink('https://vault.acme.test', 'invitation-123', fragment);
    expect(isRecoveryLink(invitation)).toBe(false);
    expect(() => parseRecoveryLink(invitation)).toThrow();
    expect(() => parseRecoveryLink('https://vault.acme.test/recover/recovery-123')).toThrow();
  });
});
