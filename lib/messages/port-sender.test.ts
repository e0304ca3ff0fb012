import { describe, expect, it } from 'vitest';
import type { PortRequest, RuntimePort } from './page-port';
import { createPortSender } from './port-sender';

/** A port whose far end the test plays: it sees each request and answers or closes. */
function fakePort() {
  const onMessage: Array<(message: unknown) => void> = [];
  const onDisconnect: Array<() => void> = [];
  const received: PortRequest[] = [];
  let closed = false;
  const port: RuntimePort = {
    name: 'keyhold.page',
    postMessage(message) {
      if (closed) throw new Error('Attempting to use a disconnected port object');
      received.push(message as PortRequest);
    },
    disconnect: () => undefined,
    onMessage: { addListener: (listener) => void onMessage.push(listener) },
    onDisconnect: { addListener: (listener) => void onDisconnect.push(listener) },
  };
  return {
    port,
    received,
    answer: (id: number, value: unknown) => onMessage.forEach((listener) => listener({ id, reply: { ok: true, value } })),
    close() {
      closed = true;
      onDisconnect.forEach((listener) => listener());
    },
    /** The worker went away but the page has not heard yet. */
    closeSilently: () => void (closed = true),
  };
}

function connector() {
  const ports: ReturnType<typeof fakePort>[] = [];
  const connect = () => {
    const next = fakePort();
    ports.push(next);
    return next.port;
  };
  return { ports, sender: createPortSender(connect) };
}

describe('createPortSender', () => {
  it('sends every request on one port and gives each its own answer, whatever the order', async () => {
    const { ports, sender } = connector();
    const first = sender.sendMessage({ type: 'entries.search', query: 'g' });
    const second = sender.sendMessage({ type: 'entries.search', query: 'gi' });
    expect(ports).toHaveLength(1);
    const [a, b] = ports[0]!.received;
    expect(a!.request).toEqual({ type: 'entries.search', query: 'g' });
    ports[0]!.answer(b!.id, 'for gi');
    ports[0]!.answer(a!.id, 'for g');
    expect(await first).toEqual({ ok: true, value: 'for g' });
    expect(await second).toEqual({ ok: true, value: 'for gi' });
  });

  it('fails a request the worker never answered when its port closes, and opens a new port for the next', async () => {
    const { ports, sender } = connector();
    const lost = sender.sendMessage({ type: 'status' });
    ports[0]!.close();
    await expect(lost).rejects.toThrow(/closed before it answered/);
    const next = sender.sendMessage({ type: 'status' });
    expect(ports).toHaveLength(2);
    ports[1]!.answer(ports[1]!.received[0]!.id, 'fresh');
    expect(await next).toEqual({ ok: true, value: 'fresh' });
  });

  it('sends again on a new port when the old one closed before the page heard of it', async () => {
    const { ports, sender } = connector();
    void sender.sendMessage({ type: 'status' }).catch(() => undefined);
    ports[0]!.closeSilently();
    const next = sender.sendMessage({ type: 'entries.search', query: 'git' });
    expect(ports).toHaveLength(2);
    ports[1]!.answer(ports[1]!.received[0]!.id, 'rows');
    expect(await next).toEqual({ ok: true, value: 'rows' });
  });
});
