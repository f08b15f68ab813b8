/**
 * Keyboard use of a row of markers (scale actions, annotations), as WAI-ARIA's roving tabindex
 * does it: the row is one Tab stop, the arrow keys move along it (Home and End to its ends), and
 * Escape closes the focused marker's tooltip. Why: every marker a Tab stop of its own made the
 * 30 annotations of one panel 30 Tabs to get past, and a tooltip opened by focus could not be closed.
 */
import { type KeyboardEvent, useState } from 'react';

const MOVES: Record<string, number | 'first' | 'last'> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: 'first',
  End: 'last',
};

export interface MarkerKeys {
  /** 0 for the row's one Tab stop (the last marker focused, else the first), -1 for the rest. */
  tabIndex(id: string): 0 | -1;
  /** Call from the marker's onFocus. */
  focused(id: string): void;
  onKeyDown(e: KeyboardEvent<HTMLElement>, closeTooltip: () => void): void;
}

/** `ids` in the row's order; `row` names the row's markers among their siblings (`data-marker-row`). */
export function useMarkerKeys(ids: readonly string[], row: string): MarkerKeys {
  const [stop, setStop] = useState<string | undefined>(undefined);
  const current = stop !== undefined && ids.includes(stop) ? stop : ids[0];
  return {
    tabIndex: (id) => (id === current ? 0 : -1),
    focused: setStop,
    onKeyDown(e, closeTooltip) {
      if (e.key === 'Escape') {
        closeTooltip();
        e.stopPropagation();
        return;
      }
      const move = MOVES[e.key];
      const parent = e.currentTarget.parentElement;
      if (move === undefined || !parent) {
        return;
      }
      const markers = Array.from(parent.querySelectorAll<HTMLElement>(`:scope > [data-marker-row="${row}"]`));
      const at = markers.indexOf(e.currentTarget);
      const next = move === 'first' ? 0 : move === 'last' ? markers.length - 1 : at + move;
      if (next >= 0 && next < markers.length && next !== at) {
        e.preventDefault();
        markers[next].focus();
      }
    },
  };
}
