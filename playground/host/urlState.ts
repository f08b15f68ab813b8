/**
 * The page's state in its URL (`?dashboard=…&from=…&to=…&theme=…&panel=…&refresh=…`), so a test
 * or a user can open any dashboard, range and theme directly, and a reload keeps them.
 */
export interface UrlState {
  dashboard?: string;
  from?: string;
  to?: string;
  theme: 'dark' | 'light';
  panel?: number;
  refresh?: string;
}

export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const panel = Number(params.get('panel'));
  return {
    dashboard: params.get('dashboard') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    theme: params.get('theme') === 'light' ? 'light' : 'dark',
    panel: Number.isInteger(panel) && panel > 0 ? panel : undefined,
    refresh: params.get('refresh') ?? undefined,
  };
}

export function writeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  return `?${params.toString()}`;
}
