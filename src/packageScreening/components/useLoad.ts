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

export interface CampaignOption { id: string; name: string; openNow: boolean }

/**
 * The campaign a staff page shows, and the others it can switch to: the one
 * chosen on the page, else the one in the URL, else the first open one, else
 * the newest. A school may run two at once (八年级 and 七年级), so a page
 * that showed only the first would hide the other's students.
 */
export async function pickCampaign(
  list: () => Promise<{ items: CampaignOption[] }>,
  wanted?: string,
): Promise<{ id: string | null; options: CampaignOption[] }> {
  const { items } = await list();
  const known = wanted && items.some((i) => i.id === wanted) ? wanted : undefined;
  return { id: known ?? wanted ?? items.find((i) => i.openNow)?.id ?? items[0]?.id ?? null, options: items };
}
