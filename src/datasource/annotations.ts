/**
 * Scale actions as Grafana annotations: a dashboard can add an annotation query on the Foresight data
 * source and see "Scale up checkout: 3 → 5 replicas" on any panel (its own Prometheus graphs, an HPA
 * panel), not only in the Foresight panel. Grafana's default mapping would make an annotation of every
 * row of every frame (each forecast point), so only the actions frames' rows are events here, and the
 * `hold` rows, which change nothing, are left out as the panel leaves them out.
 */
import type { AnnotationEvent, DataFrame } from '@grafana/data';
import { decodeFrames } from '../contract/decode';
import { separateQueries } from '../contract/separateQueries';
import type { ActionRow } from '../contract/types';

const TITLE: Record<Exclude<ActionRow['action'], 'hold'>, string> = {
  up: 'Scale up',
  down: 'Scale down',
  retire: 'Retire',
};

function replicas(row: ActionRow): string {
  return Number.isFinite(row.from) && Number.isFinite(row.to) ? `${row.from} → ${row.to} replicas. ` : '';
}

/** One annotation per scale action (not `hold`) in the answer's actions frames, oldest first. */
export function actionAnnotations(frames: DataFrame[]): AnnotationEvent[] {
  return separateQueries(decodeFrames(frames)).actions.flatMap((row): AnnotationEvent[] => {
    if (row.action === 'hold') {
      return [];
    }
    const series = row.series ? ` ${row.series}` : '';
    return [
      {
        time: row.timeMs,
        title: `${TITLE[row.action]}${series}`,
        text: `${TITLE[row.action]}${series}: ${replicas(row)}${row.reason}`.trim(),
        tags: ['foresight', row.action, ...(row.series ? [row.series] : [])],
      },
    ];
  });
}
