import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { SyslogTransport } from './transport';

/**
 * The largest datagram sent. RFC 5426 (section 3.2) asks every receiver to take 2048 octets and
 * promises no more, so a longer message is cut there; TCP carries any length.
 */
export const MAX_DATAGRAM_OCTETS = 2048;

/**
 * `message` in UTF-8, cut to at most `limit` octets without splitting a character. The header and
 * structured data (seq and hash) come first and are far shorter, so only MSG is ever cut.
 */
export function truncateUtf8(message: string, limit: number): Buffer {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= limit) return bytes;
  let end = limit;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

/** RFC 5426: one message per datagram. Nothing confirms delivery; a lost datagram shows as a gap in seq. */
export function udpTransport(host: string, port: number): SyslogTransport {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  // A send error is reported to send()'s callback; this keeps an unexpected one from crashing the server.
  socket.on('error', () => undefined);
  socket.unref();
  const sendOne = (message: string) =>
    new Promise<void>((resolve, reject) => socket.send(truncateUtf8(message, MAX_DATAGRAM_OCTETS), port, host, (error) => (error ? reject(error) : resolve())));

  return {
    async send(messages) {
      for (const message of messages) await sendOne(message);
    },
    hasPending: () => false,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
