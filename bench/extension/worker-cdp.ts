import type { BrowserContext, CDPSession } from 'playwright-core';

// A DevTools protocol session on the extension's service worker. Playwright hands out CDP sessions
// for pages and frames only, so this attaches from the browser session to the worker target and
// speaks to it through Target.sendMessageToTarget (the non-flattened form needs no session id on
// the outer channel, which Playwright's CDPSession cannot send).

/** Commands sent to the worker's own DevTools target. */
export interface WorkerCdp {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  detach(): Promise<void>;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const COMMAND_TIMEOUT_MS = 60_000;

/** Attaches to the service worker whose script URL starts with `chrome-extension://<extensionId>/`. */
export async function attachToWorker(context: BrowserContext, extensionId: string): Promise<WorkerCdp> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser handle for this context: cannot open a CDP session on the service worker');
  const session: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const target = (targetInfos as TargetInfo[]).find((info) => info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) {
    await session.detach();
    throw new Error(`no service worker target for extension ${extensionId}`);
  }
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const pending = new Map<number, Pending>();
  let lastId = 0;
  session.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id!);
    if (message.error) waiting.reject(new Error(`worker CDP: ${message.error.message}`));
    else waiting.resolve(message.result);
  });
  return {
    async send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = ++lastId;
      const answer = new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`worker CDP: ${method} did not answer in ${COMMAND_TIMEOUT_MS} ms`));
        }, COMMAND_TIMEOUT_MS);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
      await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      return answer;
    },
    async detach() {
      await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}

/** The worker's used JS heap in MB after a forced full garbage collection. */
export async function workerHeapMb(context: BrowserContext, extensionId: string): Promise<{ usedMb: number; totalMb: number }> {
  const cdp = await attachToWorker(context, extensionId);
  try {
    // Twice: the first pass can leave weakly held and finalised objects for the second.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
    return { usedMb: usage.usedSize / 2 ** 20, totalMb: usage.totalSize / 2 ** 20 };
  } finally {
    await cdp.detach();
  }
}
