import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_DATAGRAM_OCTETS, truncateUtf8, udpTransport } from './udp-transport';

describe('UDP transport', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdef', 3, 'abc'],
    // é is two octets, ✓ three, 𝄞 four: a cut never leaves half of one.
    ['aé', 2, 'a'],
    ['a✓', 3, 'a'],
    ['a✓', 4, 'a✓'],
    ['𝄞𝄞', 7, '𝄞'],
    ['𝄞', 3, ''],
  ])('cuts %j at %i octets to %j', (message, limit, expected) => {
    expect(truncateUtf8(message, limit).toString('utf8')).toBe(expected);
  });

  it('sends one message per datagram, a long one cut to the limit', async () => {
    const receiver = createSocket('udp4');
    const received: Buffer[] = [];
    receiver.on('message', (datagram) => received.push(datagram));
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const transport = udpTransport('127.0.0.1', (receiver.address() as AddressInfo).port);
    try {
      await transport.send(['first', 'second', `long ${'✓'.repeat(1000)}`]);
      await expect.poll(() => received.length).toBe(3);
      expect(received.slice(0, 2).map(String)).toEqual(['first', 'second']);
      expect(received[2]!.length).toBeLessThanOrEqual(MAX_DATAGRAM_OCTETS);
      expect(received[2]!.toString('utf8')).toBe(`long ${'✓'.repeat(681)}`);
    } finally {
      await transport.close();
      receiver.close();
    }
  });
});
