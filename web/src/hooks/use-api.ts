// Data for a page: loaded now and again every `interval` ms while the page shows, so the dashboard
// follows runs as they happen without a reload. The last good answer stays on screen while a later
// call fails.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type ApiError } from '../api/client';

export interface ApiState<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  refresh: () => void;
}

/** Loads with `load` whenever `key` changes (nothing when key is undefined), polling every `interval` ms. */
export function useLoader<T>(key: string | undefined, load: () => Promise<T>, interval = 0): ApiState<T> {
  const [state, setState] = useState<{ key?: string; data?: T; error?: ApiError; loading: boolean }>({ key, loading: !!key });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (key === undefined) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await loadRef.current();
        if (alive) setState({ key, data, loading: false });
      } catch (e) {
        if (alive) setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: e as ApiError, loading: false }));
      }
      // A hidden tab polls four times less often.
      if (alive && interval > 0) timer = setTimeout(run, document.hidden ? interval * 4 : interval);
    };
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, loading: true }));
    void run();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key, interval, tick]);

  if (state.key !== key) return { loading: key !== undefined, refresh };
  return { data: state.data, error: state.error, loading: state.loading, refresh };
}

/** One operation's answer, polled. */
export function useApi<T = any>(operation: string | undefined, input: unknown = {}, interval = 0): ApiState<T> {
  return useLoader<T>(operation ? `${operation}:${JSON.stringify(input)}` : undefined, () => call<T>(operation!, input), interval);
}
