import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

// A syslog collector for tests, written from RFC 5424, RFC 5426 and RFC 6587 and the CEF
// specification without the production code, so a mistake in one is not repeated in the other.

/** One RFC 5424 message, taken apart. */
export interface ParsedSyslog {
  facility: number;
  severity: number;
  version: number;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  /** SD-ID → PARAM-NAME → unescaped PARAM-VALUE. */
  sd: Record<string, Record<string, string>>;
  msg: string;
}

function parseStructuredData(text: string): { sd: ParsedSyslog['sd']; rest: string } {
  const sd: ParsedSyslog['sd'] = {};
  if (text.startsWith('-')) return { sd, rest: text.slice(1) };
  let index = 0;
  while (text[index] === '[') {
    const idEnd = text.slice(index).search(/[ \]]/) + index;
    const params: Record<string, string> = {};
    sd[text.slice(index + 1, idEnd)] = params;
    index = idEnd;
    while (text[index] === ' ') {
      const equals = text.indexOf('="', index);
      const name = text.slice(index + 1, equals);
      let value = '';
      index = equals + 2;
      while (text[index] !== '"') {
        if (text[index] === '\\' && ['"', '\\', ']'].includes(text[index + 1]!)) index += 1;
        value += text[index];
        index += 1;
      }
      params[name] = value;
      index += 1;
    }
    if (text[index] !== ']') throw new Error(`bad structured data at ${index}: ${text}`);
    index += 1;
  }
  return { sd, rest: text.slice(index) };
}

/** Parses one RFC 5424 SYSLOG-MSG; throws on anything the grammar does not allow. */
export function parseSyslog(line: string): ParsedSyslog {
  const header = /^<(\d{1,3})>(\d) (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(line);
  if (!header) throw new Error(`not an RFC 5424 message: ${line}`);
  const [, pri, version, timestamp, hostname, appName, procId, msgId] = header as unknown as string[];
  const { sd, rest } = parseStructuredData(line.slice(header[0].length));
  if (rest !== '' && !rest.startsWith(' ')) throw new Error(`no space before MSG: ${line}`);
  return { facility: Math.floor(Number(pri) / 8), severity: Number(pri) % 8, version: Number(version), timestamp: timestamp!, hostname: hostname!, appName: appName!, procId: procId!, msgId: msgId!, sd, msg: rest.slice(1) };
}

/** A CEF record: the seven header fields unescaped, and the extensions by key, unescaped. */
export function parseCef(text: string): { header: string[]; extensions: Record<string, string> } {
  const header: string[] = [];
  let field = '';
  let index = 0;
  while (header.length < 7) {
    const character = text[index]!;
    if (character === '\\') {
      field += text[index + 1];
      index += 2;
    } else if (character === '|') {
      header.push(field);
      field = '';
      index += 1;
    } else {
      field += character;
      index += 1;
    }
  }
  const extensions: Record<string, string> = {};
  // A key starts after a space where `word=` follows; a value runs until the next key.
  const keys = [...text.slice(index).matchAll(/(?:^| )([A-Za-z0-9]+)=/g)];
  keys.forEach((match, position) => {
    const start = match.index + match[0].length;
    const end = keys[position + 1]?.index ?? text.length - index;
    const raw = text.slice(index + start, index + end);
    extensions[match[1]!] = raw.replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped === 'r' ? '\r' : escaped));
  });
  return { header, extensions };
}

/** A listening collector; `messages` grows as they arrive. */
export interface Collector {
  port: number;
  messages: string[];
  close(): Promise<void>;
}

/** RFC 5426: one message per datagram. */
export async function udpCollector(): Promise<Collector> {
  const socket = createSocket('udp4');
  const messages: string[] = [];
  socket.on('message', (datagram) => messages.push(datagram.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: (socket.address() as AddressInfo).port, messages, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** RFC 6587 octet counting: `MSG-LEN SP SYSLOG-MSG`, repeated, the length in octets. */
function deframe(buffered: Buffer, messages: string[]): Buffer {
  for (;;) {
    const space = buffered.indexOf(0x20);
    if (space === -1) return buffered;
    const length = Number(buffered.subarray(0, space).toString('ascii'));
    if (!/^[1-9]\d*$/.test(buffered.subarray(0, space).toString('ascii'))) throw new Error(`bad frame length "${buffered.subarray(0, space).toString()}"`);
    if (buffered.length < space + 1 + length) return buffered;
    messages.push(buffered.subarray(space + 1, space + 1 + length).toString('utf8'));
    buffered = buffered.subarray(space + 1 + length);
  }
}

/**
 * A TCP collector on `port` (0 picks one), over TLS with `tls`; `messages` may be shared with an
 * earlier one on the same port, as a restarted collector writes on to the same store. `close`
 * drops every connection.
 */
export async function tcpCollector(port = 0, messages: string[] = [], tls?: { cert: string; key: string }): Promise<Collector> {
  const sockets = new Set<Socket>();
  const accept = (socket: Socket) => {
    sockets.add(socket);
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => (buffered = deframe(Buffer.concat([buffered, chunk]), messages)));
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server: Server = tls ? createTlsServer(tls, accept) : createServer(accept);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
