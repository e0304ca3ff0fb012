import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { SyslogTransport } from './transport';

export interface TcpTransportOptions {
  host: string;
  port: number;
  /** Present for syslog over TLS (RFC 5425); `ca` replaces the system's CAs when given. */
  tls?: { ca: string | undefined } | undefined;
  /** How far back, before a connection broke, written messages are sent again (see below). */
  resendWindowMs?: number;
}

const CONNECT_TIMEOUT_MS = 5_000;
const WRITE_TIMEOUT_MS = 10_000;
const DEFAULT_RESEND_WINDOW_MS = 10_000;
const MAX_REMEMBERED = 10_000;

/** RFC 6587 section 3.4.1, octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in octets. */
export function octetCountingFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

function open(options: TcpTransportOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.tls
      ? tlsConnect({ host: options.host, port: options.port, ca: options.tls.ca, servername: isIP(options.host) ? undefined : options.host })
      : netConnect({ host: options.host, port: options.port });
    const timer = setTimeout(() => socket.destroy(new Error(`connecting to ${options.host}:${options.port} timed out`)), CONNECT_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('error', fail);
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      // Errors surface through write callbacks and 'close'; this keeps one from crashing the server.
      socket.on('error', () => undefined);
      // Keep-alive notices a collector host that vanished without closing the connection.
      socket.setKeepAlive(true, 10_000);
      socket.setNoDelay(true);
      // Collectors send nothing; reading keeps the peer's close from going unnoticed.
      socket.resume();
      resolve(socket);
    });
  });
}

function write(socket: Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => socket.destroy(new Error('the collector stopped reading')), WRITE_TIMEOUT_MS);
    socket.write(data, (error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
  });
}

/**
 * Syslog over TCP (RFC 6587, octet counting) or TLS, connecting on demand. A write that succeeded
 * only reached this machine's kernel: when the collector closes or restarts, what it had not yet
 * read is lost without an error. So when a connection breaks, the messages written on it in the
 * last `resendWindowMs` wait in `pending` and go first on the next connection. The collector may
 * then see a message twice, never miss one it would have had; it removes duplicates by seq.
 */
export function tcpTransport(options: TcpTransportOptions): SyslogTransport {
  const windowMs = options.resendWindowMs ?? DEFAULT_RESEND_WINDOW_MS;
  let socket: Socket | undefined;
  let written: { at: number; frame: Buffer }[] = [];
  let pending: Buffer[] = [];
  let closing = false;

  function broken(lost: Socket): void {
    if (socket !== lost) return;
    socket = undefined;
    const since = Date.now() - windowMs;
    pending = [...pending, ...written.filter((entry) => entry.at >= since).map((entry) => entry.frame)];
    written = [];
  }

  async function connected(): Promise<Socket> {
    if (socket) return socket;
    const fresh = await open(options);
    fresh.once('close', () => broken(fresh));
    socket = fresh;
    return fresh;
  }

  function remember(frames: Buffer[]): void {
    const now = Date.now();
    written.push(...frames.map((frame) => ({ at: now, frame })));
    const since = now - windowMs;
    written = written.filter((entry) => entry.at >= since).slice(-MAX_REMEMBERED);
  }

  return {
    async send(messages) {
      if (closing) throw new Error('the syslog transport is closed');
      const current = await connected();
      const resend = pending;
      pending = [];
      const frames = [...resend, ...messages.map(octetCountingFrame)];
      if (frames.length === 0) return;
      try {
        await write(current, Buffer.concat(frames));
      } catch (error) {
        current.destroy();
        broken(current);
        // The new messages are not lost: the caller did not get a success, so it sends them again.
        pending = [...resend, ...pending];
        throw error;
      }
      // Broken while the write finished: its messages may be among the lost, so they wait too.
      if (socket !== current) pending = [...pending, ...frames];
      else remember(frames);
    },
    hasPending: () => pending.length > 0,
    async close() {
      closing = true;
      const last = socket;
      socket = undefined;
      if (!last) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => last.destroy(), 2_000);
        last.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        last.end();
      });
    },
  };
}
