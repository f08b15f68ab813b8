/**
 * "+3 more": what a scrolling part of the panel (legend, model card) says when some of its entries
 * are out of sight, so nothing is dropped silently. Clicking scrolls on (and back to the top at the end).
 */
import React, { useLayoutEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** Right padding a box keeps while its chip shows, so the chip never covers the end of a line. */
export const MORE_CHIP_ROOM = 76;

/** How many elements matching `itemSelector` inside `scroller` lie (partly) outside its visible area. */
export function useHiddenCount(scroller: HTMLElement | null, itemSelector: string, revision: unknown): number {
  const [count, setCount] = useState(0);
  useLayoutEffect(() => {
    if (!scroller) {
      return undefined;
    }
    const read = () => {
      const box = scroller.getBoundingClientRect();
      if (box.height <= 0 || scroller.scrollHeight <= scroller.clientHeight + 1) {
        setCount(0);
        return;
      }
      let n = 0;
      scroller.querySelectorAll(itemSelector).forEach((el) => {
        const r = el.getBoundingClientRect();
        if (r.bottom > box.bottom + 1 || r.top < box.top - 1) {
          n++;
        }
      });
      setCount(n);
    };
    read();
    scroller.addEventListener('scroll', read, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(read);
    observer?.observe(scroller);
    if (scroller.firstElementChild) {
      observer?.observe(scroller.firstElementChild);
    }
    return () => {
      scroller.removeEventListener('scroll', read);
      observer?.disconnect();
    };
  }, [scroller, itemSelector, revision]);
  return scroller ? count : 0;
}

/** Scrolls a page on, or back to the top when at the end. */
function scrollOn(scroller: HTMLElement) {
  const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
  scroller.scrollTo({ top: atEnd ? 0 : scroller.scrollTop + Math.max(16, scroller.clientHeight - 4) });
}

interface Props {
  count: number;
  scroller: HTMLElement | null;
  /** What is out of sight, for the title: "legend entries", "model card items". */
  what: string;
  testId: string;
}

export function MoreChip({ count, scroller, what, testId }: Props) {
  const styles = useStyles2(getStyles);
  if (count <= 0 || !scroller) {
    return null;
  }
  return (
    <button
      type="button"
      className={styles.chip}
      data-testid={testId}
      title={`${count} more ${what} out of sight: click or scroll to see them`}
      onClick={() => scrollOn(scroller)}
    >
      +{count} more
    </button>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  chip: css({
    position: 'absolute',
    right: 2,
    bottom: 0,
    zIndex: 5,
    padding: theme.spacing(0, 0.75),
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: '16px',
    color: theme.colors.text.link,
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    cursor: 'pointer',
    boxShadow: theme.shadows.z1,
  }),
});
