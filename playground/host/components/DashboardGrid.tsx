/** Lays panels out on Grafana's 24-column grid (30 px rows, 8 px gaps) from their `gridPos`. */
import React from 'react';
import { css } from '@emotion/css';

export const GRID_COLUMNS = 24;
export const GRID_ROW_HEIGHT = 30;
export const GRID_GAP = 8;

export interface GridItem {
  key: string;
  gridPos: { x: number; y: number; w: number; h: number };
  content: React.ReactNode;
}

const grid = css({
  display: 'grid',
  gridTemplateColumns: `repeat(${GRID_COLUMNS}, minmax(0, 1fr))`,
  gridAutoRows: GRID_ROW_HEIGHT,
  gap: GRID_GAP,
});

export function DashboardGrid({ items }: { items: GridItem[] }): React.ReactElement {
  return (
    <div className={grid}>
      {items.map((item) => {
        const { x, y, w, h } = item.gridPos;
        const column = Math.min(Math.max(x, 0), GRID_COLUMNS - 1);
        const width = Math.min(Math.max(w, 1), GRID_COLUMNS - column);
        return (
          <div
            key={item.key}
            style={{ gridColumn: `${column + 1} / span ${width}`, gridRow: `${y + 1} / span ${Math.max(h, 1)}` }}
          >
            {item.content}
          </div>
        );
      })}
    </div>
  );
}
