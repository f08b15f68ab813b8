/**
 * Lays panels out on Grafana's 24-column grid (30 px rows, 8 px gaps) from their `gridPos`; below
 * Grafana's md breakpoint (769 px), one full-width column in reading order, as Grafana does (a phone
 * got two 175 px panels side by side, too narrow to read).
 */
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

const NARROW = '@media (max-width: 768px)';

const grid = css({
  display: 'grid',
  gridTemplateColumns: `repeat(${GRID_COLUMNS}, minmax(0, 1fr))`,
  gridAutoRows: GRID_ROW_HEIGHT,
  gap: GRID_GAP,
  [NARROW]: { display: 'flex', flexDirection: 'column' },
});

// the height the panel's rows give it on the grid, kept in the single column
const cell = css({ [NARROW]: { height: 'var(--panel-height)', flex: 'none' } });

/** Each item's place in reading order (top to bottom, then left to right). */
function readingOrder(items: GridItem[]): Map<string, number> {
  const sorted = [...items].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
  return new Map(sorted.map((item, i) => [item.key, i]));
}

export function DashboardGrid({ items }: { items: GridItem[] }): React.ReactElement {
  const order = readingOrder(items);
  return (
    <div className={grid}>
      {items.map((item) => {
        const { x, y, w, h } = item.gridPos;
        const column = Math.min(Math.max(x, 0), GRID_COLUMNS - 1);
        const width = Math.min(Math.max(w, 1), GRID_COLUMNS - column);
        const rows = Math.max(h, 1);
        const style: React.CSSProperties & Record<'--panel-height', string> = {
          gridColumn: `${column + 1} / span ${width}`,
          gridRow: `${y + 1} / span ${rows}`,
          order: order.get(item.key),
          '--panel-height': `${rows * GRID_ROW_HEIGHT + (rows - 1) * GRID_GAP}px`,
        };
        return (
          <div key={item.key} className={cell} style={style}>
            {item.content}
          </div>
        );
      })}
    </div>
  );
}
