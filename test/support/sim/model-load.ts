import type { ServerResponse } from "node:http";

/**
 * Model loading as Ollama's scheduler does it (server/sched.go): the first request for a model
 * loads it (tens of seconds on a GPU, minutes on a CPU); a request whose options need another
 * runner — another num_ctx — reloads it (`needsReload` compares the runner's options); and a load
 * every waiting client has abandoned is dropped (the request context is cancelled), so the next
 * request starts it over. `loadMs` 0 means a model is always loaded (the fast default of tests).
 */
export interface ModelLoader {
  /** Resolves true when `model` is loaded with `numCtx`; false when the client went away first. */
  ensure(model: string, numCtx: number, response: ServerResponse): Promise<boolean>;
  /** Loads finished, reloads (a finished load that replaced another num_ctx), loads abandoned. */
  stats(): { loads: number; reloads: number; abandoned: number; loaded: Record<string, number> };
  /** Forgets every loaded model (a server restart). */
  reset(): void;
}

interface Loading {
  numCtx: number;
  waiters: Set<{ resolve: (loaded: boolean) => void; response: ServerResponse }>;
  timer: NodeJS.Timeout;
}

export function createModelLoader(loadMs: number): ModelLoader {
  const loaded = new Map<string, number>();
  const loading = new Map<string, Loading>();
  let loads = 0;
  let reloads = 0;
  let abandoned = 0;

  const start = (model: string, numCtx: number): Loading => {
    const entry: Loading = {
      numCtx,
      waiters: new Set(),
      timer: setTimeout(() => {
        loading.delete(model);
        if (loaded.has(model)) reloads++;
        loaded.set(model, numCtx);
        loads++;
        for (const waiter of entry.waiters) waiter.resolve(!waiter.response.destroyed);
      }, loadMs),
    };
    loading.set(model, entry);
    return entry;
  };

  return {
    ensure(model, numCtx, response) {
      if (loadMs <= 0) {
        if (loaded.has(model) && loaded.get(model) !== numCtx) reloads++;
        if (loaded.get(model) !== numCtx) loads++;
        loaded.set(model, numCtx);
        return Promise.resolve(true);
      }
      if (loaded.get(model) === numCtx && !loading.has(model)) return Promise.resolve(true);
      let entry = loading.get(model);
      // A request with other options waits for the running load, then reloads (sched.go queues it).
      if (entry && entry.numCtx !== numCtx) {
        return new Promise((resolve) => {
          const waiter = { response, resolve: (ok: boolean) => (ok ? this.ensure(model, numCtx, response).then(resolve) : resolve(false)) };
          entry!.waiters.add(waiter);
        });
      }
      entry ??= start(model, numCtx);
      const current = entry;
      return new Promise((resolve) => {
        const waiter = { resolve, response };
        current.waiters.add(waiter);
        response.once("close", () => {
          if (!current.waiters.has(waiter) || loading.get(model) !== current) return;
          current.waiters.delete(waiter);
          resolve(false);
          if (current.waiters.size === 0) {
            clearTimeout(current.timer);
            loading.delete(model);
            abandoned++;
          }
        });
      });
    },
    stats: () => ({ loads, reloads, abandoned, loaded: Object.fromEntries(loaded) }),
    reset() {
      for (const entry of loading.values()) clearTimeout(entry.timer);
      loading.clear();
      loaded.clear();
    },
  };
}
