import { describe, expect, it } from 'vitest';
import { formatInvitationFragment } from '../crypto/invitation';
import { formatInvitationLink, parseInvitationLink } from './invitation-link';

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
