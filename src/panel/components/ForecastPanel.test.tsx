import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { LoadingState, type PanelProps, dateTime, EventBusSrv } from '@grafana/data';
import { ForecastPanel } from './ForecastPanel';
import { DEFAULT_OPTIONS } from '../options';
import { panelTestIds } from '../testIds';
import type { ForesightPanelOptions } from '../types';
import {
  DEFAULT_ACTIONS,
  makeActionsFrame,
  makeForecastFrame,
  makePanelData,
  makePlainFrame,
  makeProgressFrame,
  makeReport,
  STEP,
  T0,
} from '../testing/fixtures';
import { installCanvasStub } from '../testing/jsdomCanvas';

// jsdom does no layout: VizLayout waits for the legend's measured height before drawing the plot.
jest.mock('react-use', () => ({
  ...jest.requireActual('react-use'),
  useMeasure: () => [() => undefined, { width: 800, height: 40, top: 0, left: 0, bottom: 0, right: 0, x: 0, y: 0 }],
}));

// The real migration, counted: the panel must migrate once per options object, not once per render.
jest.mock('../migrations', () => {
  const actual = jest.requireActual('../migrations');
  return { ...actual, migrateOptions: jest.fn(actual.migrateOptions) };
});
const { migrateOptions } = jest.requireMock('../migrations') as { migrateOptions: jest.Mock };

beforeAll(() => installCanvasStub());

function props(
  data: PanelProps['data'],
  options: Partial<ForesightPanelOptions> = {}
): PanelProps<ForesightPanelOptions> {
  const timeRange = { from: dateTime(T0 - 48 * STEP), to: dateTime(T0), raw: { from: 'now-4h', to: 'now' } };
  return {
    id: 1,
    data,
    timeRange,
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, ...options },
    transparent: false,
    width: 800,
    height: 400,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Forecast',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
  };
}

/** Renders and lets uPlot's first draw (a microtask) settle inside act(). */
async function renderPanel(p: PanelProps<ForesightPanelOptions>) {
  let view: ReturnType<typeof render> | undefined;
  await act(async () => {
    view = render(<ForecastPanel {...p} />);
  });
  return view!;
}

async function rerenderPanel(view: ReturnType<typeof render>, p: PanelProps<ForesightPanelOptions>) {
  await act(async () => {
    view.rerender(<ForecastPanel {...p} />);
  });
}

describe('ForecastPanel', () => {
  // uPlot draws in a microtask after mount; the overlay follows its first draw, hence findAll*.
  it('renders the chart, the now marker and action markers for a Foresight response', async () => {
    const data = makePanelData([makeForecastFrame(), makeActionsFrame(DEFAULT_ACTIONS)]);
    await renderPanel(props(data));
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
    expect(await screen.findAllByTestId(panelTestIds.nowMarker)).toHaveLength(1);
    // "hold" is not a marker: two of the three actions are drawn.
    const markers = await screen.findAllByTestId(panelTestIds.actionMarker);
    expect(markers.map((m) => m.getAttribute('data-action'))).toEqual(['up', 'down']);
  });

  it('shows time, from → to and the reason when an action marker is hovered', async () => {
    const data = makePanelData([makeForecastFrame(), makeActionsFrame(DEFAULT_ACTIONS)]);
    await renderPanel(props(data));
    const [up] = await screen.findAllByTestId(panelTestIds.actionMarker);
    await act(async () => fireEvent.mouseEnter(up));
    const tip = screen.getByTestId(panelTestIds.actionTooltip);
    expect(tip).toHaveTextContent('Scale up 3 → 4');
    expect(tip).toHaveTextContent('2026-11-21 00:10');
    expect(tip).toHaveTextContent('forecast 172 req/s at 00:15 exceeds 160');
    await act(async () => fireEvent.mouseLeave(up));
    expect(screen.queryByTestId(panelTestIds.actionTooltip)).not.toBeInTheDocument();
  });

  it('says "No data" when the query returned nothing', async () => {
    await renderPanel(props(makePanelData([])));
    expect(screen.getByTestId(panelTestIds.message)).toHaveTextContent('No data');
  });

  it('shows the error message when the query failed without data', async () => {
    const data = { ...makePanelData([], LoadingState.Error), errors: [{ message: 'Prometheus said 400: bad_data' }] };
    await renderPanel(props(data));
    const message = screen.getByTestId(panelTestIds.message);
    expect(message).toHaveAttribute('data-kind', 'error');
    expect(message).toHaveTextContent('Prometheus said 400: bad_data');
  });

  it("says which query failed when the panel has several, over the other query's forecast", async () => {
    const request = { targets: [{ refId: 'A' }, { refId: 'B' }] } as unknown as NonNullable<
      PanelProps['data']['request']
    >;
    const data = {
      ...makePanelData([makeForecastFrame()]),
      request,
      errors: [{ refId: 'B', message: 'bad_data: 1:5: parse error: unexpected end of input' }],
    };
    await renderPanel(props(data));
    const lines = screen.getAllByTestId(panelTestIds.warning).map((l) => l.textContent);
    expect(lines).toContain('Error: Query B: bad_data: 1:5: parse error: unexpected end of input.');
  });

  it('draws plain time series from other data sources with a hint', async () => {
    await renderPanel(props(makePanelData([makePlainFrame()])));
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
    expect(screen.getByTestId(panelTestIds.hint)).toHaveTextContent('Plain time series');
    expect(screen.queryByTestId(panelTestIds.modelCard)).not.toBeInTheDocument();
  });

  it('draws the first series and says so when there are too many', async () => {
    const frames = Array.from({ length: 4 }, (_, i) => makeForecastFrame({ name: `s${i}`, history: 10, horizon: 3 }));
    await renderPanel(props(makePanelData(frames), { maxSeries: 2 }));
    expect(screen.getByTestId(panelTestIds.warnings)).toHaveTextContent('Too many series: showing 2 of 4');
  });

  it('reports partial results and still draws what it can', async () => {
    const broken = makeForecastFrame({ name: 'broken' });
    broken.fields = broken.fields.filter((f) => f.name !== 'time');
    await renderPanel(props(makePanelData([makeForecastFrame(), broken])));
    expect(screen.getByTestId(panelTestIds.warnings)).toHaveTextContent(
      'Partial results: Forecast frame "broken" has no time field'
    );
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
  });

  it('shows training progress while streaming and keeps the last forecast on screen', async () => {
    const first = makePanelData([makeForecastFrame()]);
    const view = await renderPanel(props(first));
    const streaming = makePanelData(
      [makeProgressFrame({ phase: 'train', fraction: 0.4, epoch: 8, epochs: 20, loss: 0.01234 })],
      LoadingState.Streaming
    );
    await rerenderPanel(view, props(streaming));
    const progress = screen.getByTestId(panelTestIds.progress);
    expect(progress).toHaveTextContent('Training LSTM · epoch 8/20 · loss 0.0123 · 40 %');
    expect(within(progress).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '40');
    expect(progress).toHaveTextContent('showing the previous forecast');
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
    expect(screen.getByTestId(panelTestIds.modelCard)).toBeInTheDocument();
  });

  it('says it shows the previous forecast while a new request loads without progress', async () => {
    const view = await renderPanel(props(makePanelData([makeForecastFrame()])));
    await rerenderPanel(view, props(makePanelData([], LoadingState.Loading)));
    expect(screen.getByTestId(panelTestIds.warnings)).toHaveTextContent(
      'Showing the previous forecast while the new one loads.'
    );
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
  });

  it('shows progress before the first model exists', async () => {
    const data = makePanelData([makeProgressFrame({ phase: 'train', fraction: 0.1 })], LoadingState.Streaming);
    await renderPanel(props(data));
    expect(screen.getByTestId(panelTestIds.progress)).toHaveTextContent('Training LSTM');
    expect(screen.getByTestId(panelTestIds.message)).toHaveTextContent('Training the first model');
  });

  it('switches to the predictions table and back', async () => {
    const data = makePanelData([makeForecastFrame({ horizon: 12 }), makeActionsFrame(DEFAULT_ACTIONS)]);
    await renderPanel(props(data));
    await act(async () => fireEvent.click(within(screen.getByTestId(panelTestIds.viewToggle)).getByText('Table')));
    expect(screen.getAllByTestId(panelTestIds.tableRow)).toHaveLength(12);
    expect(screen.getByTestId(panelTestIds.table)).toHaveTextContent('up 3 → 4');
    // the reason is read in its own column, not only in a hover title
    expect(screen.getByRole('cell', { name: 'forecast 172 req/s at 00:15 exceeds 160' })).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: 'cooldown' })).not.toBeInTheDocument();
    await act(async () => fireEvent.click(within(screen.getByTestId(panelTestIds.viewToggle)).getByText('Chart')));
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
  });

  it('lists in the table only what the chart draws: no Replicas or Action column where the options hide them', async () => {
    const data = makePanelData([makeForecastFrame({ horizon: 12 }), makeActionsFrame(DEFAULT_ACTIONS)]);
    await renderPanel(props(data, { showReplicas: false, showActions: false }));
    await act(async () => fireEvent.click(within(screen.getByTestId(panelTestIds.viewToggle)).getByText('Table')));
    const table = screen.getByTestId(panelTestIds.table);
    expect(screen.getAllByTestId(panelTestIds.tableRow)).toHaveLength(12);
    expect(within(table).queryByText('Replicas')).not.toBeInTheDocument();
    expect(within(table).queryByText('Action')).not.toBeInTheDocument();
    expect(within(table).queryByText('Reason')).not.toBeInTheDocument();
    expect(table).not.toHaveTextContent('up 3 → 4');
  });

  it('toggles the model card (pressed while open) and shows the baseline warning in the warning line', async () => {
    const report = makeReport({
      requested: 'lstm',
      method: 'seasonal_naive',
      warning: 'LSTM lost to seasonal naive (MASE 1.31 vs 1.09); showing seasonal naive.',
    });
    await renderPanel(props(makePanelData([makeForecastFrame({ report })])));
    expect(screen.getByTestId(panelTestIds.warnings)).toHaveTextContent('LSTM lost to seasonal naive');
    // Said once: not repeated inside the card.
    expect(screen.queryByTestId(panelTestIds.modelCardWarning)).not.toBeInTheDocument();
    const toggle = screen.getByTestId(panelTestIds.modelCardToggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await act(async () => fireEvent.click(toggle));
    expect(screen.queryByTestId(panelTestIds.modelCard)).not.toBeInTheDocument();
    expect(screen.getByTestId(panelTestIds.modelCardToggle)).toHaveAttribute('aria-pressed', 'false');
    // The warning stays visible with the card closed: it is not hidden behind the toggle.
    expect(screen.getByTestId(panelTestIds.warnings)).toHaveTextContent('LSTM lost to seasonal naive');
  });

  it('shows every warning sentence in words: data source warnings, skipped candidates, stale data', async () => {
    const report = makeReport({
      skipped: [
        {
          method: 'lstm',
          reason: 'this window gives 461 points, it needs 535 — widen the training window to 3d or more',
        },
      ],
    });
    const frame = makeForecastFrame({
      report,
      meta: {
        clockMs: T0 + 52 * 60_000,
        stale: { ageMs: 52 * 60_000, thresholdMs: 15 * 60_000 },
        warnings: ['Query returned 3 series; the forecast uses the first 2 (raise "max series" to see all).'],
      },
    });
    await renderPanel(props(makePanelData([frame])));
    const lines = screen.getAllByTestId(panelTestIds.warning).map((l) => l.textContent);
    expect(lines).toContain(
      'LSTM skipped: this window gives 461 points, it needs 535 — widen the training window to 3d or more.'
    );
    expect(lines).toContain('Query returned 3 series; the forecast uses the first 2 (raise "max series" to see all).');
    expect(lines.some((l) => /^Data is stale: the last sample is 52m old/.test(l ?? ''))).toBe(true);
    // The origin is labelled with its age against the answer's clock.
    const origin = await screen.findByTestId(panelTestIds.originMarker);
    expect(origin).toHaveAttribute('data-time-label', 'last sample 52m ago');
  });

  it("opens the model card on the series that has a scale action, and never shows another query's forecast under an error", async () => {
    const a = makeForecastFrame({ name: 'quiet', key: 'kq' });
    const b = makeForecastFrame({ name: 'busy', key: 'kb' });
    const actions = makeActionsFrame(DEFAULT_ACTIONS.map((x) => ({ ...x, series: 'kb' })));
    const request = (expr: string) =>
      ({ targets: [{ refId: 'A', expr }] }) as unknown as NonNullable<PanelProps['data']['request']>;
    const view = await renderPanel(props({ ...makePanelData([a, b, actions]), request: request('rate(x[5m])') }));
    expect(screen.getByTestId(panelTestIds.accuracyHeadline)).toHaveTextContent(/^busy: Typical error/);
    // Same query fails: the previous forecast stays, said in words.
    const failed = { ...makePanelData([], LoadingState.Error), errors: [{ message: 'timeout' }] };
    await rerenderPanel(view, props({ ...failed, request: request('rate(x[5m])') }));
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
    // An edited query fails: the error alone, no forecast of the old query.
    await rerenderPanel(view, props({ ...failed, request: request('rate(y[5m])') }));
    expect(screen.queryByTestId(panelTestIds.chart)).not.toBeInTheDocument();
    expect(screen.getByTestId(panelTestIds.message)).toHaveTextContent('timeout');
  });

  it('a short panel opens with the model card closed and the accuracy headline still visible', async () => {
    await renderPanel({ ...props(makePanelData([makeForecastFrame()])), height: 260 });
    expect(screen.queryByTestId(panelTestIds.modelCard)).not.toBeInTheDocument();
    expect(screen.getByTestId(panelTestIds.modelCardToggle)).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByTestId(panelTestIds.accuracyHeadline)).toHaveTextContent(/^Typical error ±/);
  });

  it('never throws on malformed frames', async () => {
    const junk = [
      { fields: [], length: 0 },
      { name: 'x', fields: [{ name: 'a', type: 'string', values: ['?'], config: {} }], length: 1 },
      { name: 'f', fields: [], length: 0, meta: { custom: { foresight: { kind: 'forecast' } } } },
      {
        name: 'acts',
        fields: [{ name: 'time', type: 'time', values: ['not a time'], config: {} }],
        length: 1,
        meta: { custom: { foresight: { kind: 'actions' } } },
      },
    ] as unknown as PanelProps['data']['series'];
    await renderPanel(props(makePanelData(junk), { bands: 'bogus' as never }));
    expect(screen.getByTestId(panelTestIds.message)).toHaveTextContent('Nothing to draw');
  });

  it('contains an unexpected failure in an error boundary instead of crashing the dashboard', async () => {
    const poisoned = [] as unknown as PanelProps['data']['series'];
    Object.defineProperty(poisoned, 'forEach', {
      value: () => {
        throw new Error('boom');
      },
    });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await renderPanel(props(makePanelData(poisoned)));
    expect(screen.getByText('The Foresight panel failed to render')).toBeInTheDocument();
    spy.mockRestore();
  });

  it('migrates its options once across re-renders and remounts with the same options, again when they change', async () => {
    const options = { ...DEFAULT_OPTIONS, bands: '80' as const };
    const p = { ...props(makePanelData([makeForecastFrame()])), options };
    migrateOptions.mockClear();
    const view = await renderPanel(p);
    await rerenderPanel(view, { ...p, data: makePanelData([makeForecastFrame({ base: 300 })]) });
    await rerenderPanel(view, { ...p, width: 500 });
    view.unmount();
    await renderPanel(p);
    expect(migrateOptions).toHaveBeenCalledTimes(1);
    await renderPanel({ ...p, options: { ...options } });
    expect(migrateOptions).toHaveBeenCalledTimes(2);
  });

  it('keeps working when re-rendered with new data (no leaked state)', async () => {
    const view = await renderPanel(props(makePanelData([makeForecastFrame()])));
    await rerenderPanel(view, props(makePanelData([makeForecastFrame({ base: 300 })])));
    expect(screen.getByTestId(panelTestIds.chart)).toBeInTheDocument();
  });
});
