import type { PortReply, RuntimePort } from './page-port';
import type { MessageSender } from './send';

interface Waiting {
  port: RuntimePort;
  resolve(reply: unknown): void;
  reject(error: Error): void;
}

/**
 * A MessageSender over one Port, opened on the first request and again after the worker went away
 * (Chrome stops an idle worker, which closes its ports). A request the worker never answered
 * fails, as a sendMessage whose channel closed does; the next request opens a new port.
 */
export function createPortSender(connect: () => RuntimePort): MessageSender {
  let port: RuntimePort | null = null;
  let lastId = 0;
  const waiting = new Map<number, Waiting>();

  function open(): RuntimePort {
    const opened = connect();
    opened.onMessage.addListener((message) => {
      const { id, reply } = message as PortReply;
      const request = waiting.get(id);
      if (!request) return;
      waiting.delete(id);
      request.resolve(reply);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
      for (const [id, request] of waiting) {
        if (request.port !== opened) continue;
        waiting.delete(id);
        request.reject(new Error('The Keyhold background closed before it answered.'));
      }
    });
    return opened;
  }

  return {
    sendMessage(message) {
      return new Promise((resolve, reject) => {
        const id = ++lastId;
        const post = () => {
          port ??= open();
          waiting.set(id, { port, resolve, reject });
          port.postMessage({ id, request: message });
        };
        try {
          post();
        } catch {
          // The port closed before its disconnect event reached us, and the request never left.
          port = null;
          try {
            post();
          } catch (error) {
            waiting.delete(id);
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }
      });
    },
  };
}
