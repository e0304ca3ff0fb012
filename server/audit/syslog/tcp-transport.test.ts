import { describe, expect, it } from 'vitest';
import { tcpCollector } from '../../../tests/helpers/syslog-collector';
import { octetCountingFrame, tcpTransport } from './tcp-transport';

describe('TCP transport', () => {
  it('frames by octet count, not characters', () => {
    expect(octetCountingFrame('<134>1 - - - - - - é').toString('utf8')).toBe('21 <134>1 - - - - - - é');
  });

  it('fails while the collector is away and sends again what the broken connection may have lost', async () => {
    const messages: string[] = [];
    let collector = await tcpCollector(0, messages);
    const { port } = collector;
    const transport = tcpTransport({ host: '127.0.0.1', port });
    try {
      await transport.send(['one', 'two']);
      await expect.poll(() => messages.length).toBe(2);
      // Written just as the collector goes: the write "succeeds" into a connection already dead.
      const closing = collector.close();
      await transport.send(['three']);
      await closing;
      expect(messages).not.toContain('three');
      await expect.poll(async () => transport.send([]).then(() => 'sent', () => 'failed')).toBe('failed');
      expect(transport.hasPending()).toBe(true);
      await expect(transport.send(['four'])).rejects.toThrow();

      collector = await tcpCollector(port, messages);
      await transport.send(['four']);
      expect(transport.hasPending()).toBe(false);
      // What was written shortly before the break comes again; nothing is missing.
      await expect.poll(() => messages.includes('four')).toBe(true);
      expect(messages.slice(0, 2)).toEqual(['one', 'two']);
      expect(messages.slice(2)).toEqual(['one', 'two', 'three', 'four']);
    } finally {
      await transport.close();
      await collector.close();
    }
  });

  it('resends nothing older than its window', async () => {
    const messages: string[] = [];
    let collector = await tcpCollector(0, messages);
    const { port } = collector;
    const transport = tcpTransport({ host: '127.0.0.1', port, resendWindowMs: 0 });
    try {
      await transport.send(['old']);
      await expect.poll(() => messages.length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await collector.close();
      await expect.poll(async () => transport.send([]).then(() => 'sent', () => 'failed')).toBe('failed');
      collector = await tcpCollector(port, messages);
      await transport.send(['new']);
      await expect.poll(() => messages).toEqual(['old', 'new']);
    } finally {
      await transport.close();
      await collector.close();
    }
  });
});
