/**
 * Render cost of the panel with 5 forecast series × 2,000 points each (1,900 history + 100
 * forecast), through the real @grafana/ui uPlot path. jsdom draws nothing (no-op canvas), so this
 * measures parsing, mapping, joining, config building, uPlot's data/path work and React; the
 * browser figure (with pixels) comes from the playground test.
 */
import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { dateTime, EventBusSrv, type PanelProps } from '@grafana/data';
import { DEFAULT_OPTIONS } from '../options';
import { panelTestIds } from '../testIds';
import type { ForesightPanelOptions } from '../types';
import { makeForecastFrame, makePanelData, STEP, T0 } from '../testing/fixtures';
import { installCanvasStub } from '../testing/jsdomCanvas';
import { ForecastPanel } from './ForecastPanel';

jest.mock('react-use', () => ({
  ...jest.requireActual('react-use'),
  useMeasure: () => [() => undefined, { width: 1200, height: 40, top: 0, left: 0, bottom: 0, right: 0, x: 0, y: 0 }],
}));

beforeAll(() => installCanvasStub());

const SERIES = 5;
const POINTS = 2000;

function panelProps(base: number): PanelProps<ForesightPanelOptions> {
  const frames = Array.from({ length: SERIES }, (_, i) =>
    makeForecastFrame({ name: `series ${i}`, key: `k${i}`, history: POINTS - 100, horizon: 100, base: base + i * 40 })
  );
  return {
    id: 1,
    data: makePanelData(frames),
    timeRange: { from: dateTime(T0 - (POINTS - 100) * STEP), to: dateTime(T0), raw: { from: 'now-7d', to: 'now' } },
    timeZone: 'utc',
    options: DEFAULT_OPTIONS,
    transparent: false,
    width: 1200,
    height: 500,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'perf',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

it(`renders ${SERIES} series × ${POINTS} points in reasonable time`, async () => {
  const mounts: number[] = [];
  const updates: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    let view: ReturnType<typeof render> | undefined;
    await act(async () => {
      view = render(<ForecastPanel {...panelProps(100)} />);
    });
    await screen.findAllByTestId(panelTestIds.nowMarker);
    mounts.push(performance.now() - start);

    const next = panelProps(120 + run);
    const t1 = performance.now();
    await act(async () => {
      view!.rerender(<ForecastPanel {...next} />);
    });
    updates.push(performance.now() - t1);
    view!.unmount();
  }
  // One line for the report; the bound is loose because 2 shared cores vary a lot.
  console.info(
    `panel render, ${SERIES}×${POINTS} points (jsdom, no pixels): mount median ${median(mounts).toFixed(0)} ms ` +
      `[${mounts.map((m) => m.toFixed(0)).join(', ')}], data update median ${median(updates).toFixed(0)} ms ` +
      `[${updates.map((m) => m.toFixed(0)).join(', ')}]`
  );
  expect(median(mounts)).toBeLessThan(5000);
});
