import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../services/errors';

/** A page's one read: data, its Chinese error, and reload. */
export function useLoad<T>(read: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const reload = useCallback(() => {
    setError(null);
    read().then(setData, (e) => setError(messageOf(e)));
  }, deps);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/** The campaign a staff page shows: the one in the URL, else the open one, else the newest. */
export async function pickCampaign(list: () => Promise<{ items: { id: string; openNow: boolean }[] }>, wanted?: string) {
  const { items } = await list();
  return wanted ?? items.find((i) => i.openNow)?.id ?? items[0]?.id ?? null;
}
