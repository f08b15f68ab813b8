import { createTheme, type DataFrame, dateTime, LoadingState } from '@grafana/data';
import type { TrainProgress } from '../../contract/types';
import { panelSeriesKey } from '../../contract/separateQueries';
import { decodeFrames } from '../../contract/decode';
import { DEFAULT_OPTIONS } from '../options';
import {
  DEFAULT_ACTIONS,
  makeActionsFrame,
  makeForecastFrame,
  makePlainFrame,
  makeProgressFrame,
  makeReport,
  STEP,
  T0,
} from '../testing/fixtures';
import type { ForesightPanelOptions } from '../types';
import { buildPanelDrawing, type PanelDrawing } from './panelDrawing';
import { MAX_ANNOTATIONS, type PanelAnnotation } from './annotations';
import {
  buildPanelView,
  defaultCardSeries,
  PLAIN_SERIES_HINT,
  type PanelViewContext,
  type PanelViewModel,
  type ReadyView,
} from './viewModel';

const theme = createTheme();

function drawingOf(frames: DataFrame[], options: Partial<ForesightPanelOptions> = {}): PanelDrawing {
  return buildPanelDrawing(decodeFrames(frames), { ...DEFAULT_OPTIONS, ...options }, { theme, renderNowMs: T0 });
}

function context(overrides: Partial<PanelViewContext> = {}): PanelViewContext {
  return {
    width: 800,
    height: 400,
    timeRange: { from: dateTime(T0 - 48 * STEP), to: dateTime(T0), raw: { from: 'now-4h', to: 'now' } },
    timeZone: 'utc',
    loadingState: LoadingState.Done,
    stale: false,
    renderNowMs: T0,
    toggles: {},
    ...overrides,
  };
}

function ready(view: PanelViewModel): ReadyView {
  if (view.state !== 'ready') {
    throw new Error(`expected a ready view, got ${view.state}`);
  }
  return view;
}

describe('buildPanelView: states with nothing to draw', () => {
  it('says "No data" when the query returned nothing, and waits while the first response loads', () => {
    expect(buildPanelView(drawingOf([]), context())).toEqual({
      state: 'empty',
      message: {
        kind: 'info',
        title: 'No data',
        text: 'The query returned no series. Check the metric and labels, or widen the time range.',
      },
    });
    const waiting = buildPanelView(drawingOf([]), context({ loadingState: LoadingState.Loading }));
    expect(waiting).toMatchObject({ state: 'loading', message: { text: 'Waiting for the first response…' } });
  });

  it('says what the first run waits for: Prometheus, training, or the rest of the computation', () => {
    const titleAt = (phase: TrainProgress['phase']) => {
      const frames = [makeProgressFrame({ phase, fraction: 0.1 })];
      const view = buildPanelView(drawingOf(frames), context({ loadingState: LoadingState.Streaming }));
      return view.state === 'loading' ? [view.progress?.phase, view.message.title] : view.state;
    };
    expect(titleAt('fetch')).toEqual(['fetch', 'Waiting for Prometheus…']);
    expect(titleAt('train')).toEqual(['train', 'Training the first model…']);
    // a cached model backtests without training: "training" sent users looking for one
    expect(titleAt('baselines')).toEqual(['baselines', 'Computing the forecast…']);
  });

  it('shows the error of a failed query without data', () => {
    const view = buildPanelView(drawingOf([]), context({ loadingState: LoadingState.Error, error: 'bad_data' }));
    expect(view).toEqual({ state: 'error', message: { kind: 'error', title: 'The query failed', text: 'bad_data' } });
  });

  it('says "Nothing to draw" with the problems when no frame was usable', () => {
    const broken = makeForecastFrame({ name: 'broken' });
    broken.fields = broken.fields.filter((f) => f.name !== 'time');
    const view = buildPanelView(drawingOf([broken]), context());
    expect(view).toMatchObject({ state: 'empty', message: { kind: 'warning', title: 'Nothing to draw' } });
  });
});

describe('buildPanelView: chart, card and headline', () => {
  it('keeps the scale actions of a series the user renamed (Standard options → Display name)', () => {
    const renamed = makeForecastFrame({ name: 'checkout', key: 'kc' });
    renamed.fields.forEach((f) => (f.config = { ...f.config, displayName: 'Front door' }));
    const other = makeForecastFrame({ name: 'search', key: 'ks' });
    const actions = makeActionsFrame(DEFAULT_ACTIONS.map((a) => ({ ...a, series: 'checkout' })));
    const view = ready(buildPanelView(drawingOf([renamed, other, actions]), context()));
    expect(view.body.kind === 'chart' && view.body.markers.map((m) => m.kind)).toEqual(['up', 'down']);
    expect(view.card?.seriesName).toBe('Front door');
  });

  it('draws the chart with the accuracy headline, the toggles and the open model card', () => {
    const view = ready(buildPanelView(drawingOf([makeForecastFrame(), makeActionsFrame(DEFAULT_ACTIONS)]), context()));
    expect(view.partial).toBe(false);
    expect(view.body.kind).toBe('chart');
    expect(view.body.kind === 'chart' && view.body.markers.map((m) => m.kind)).toEqual(['up', 'down']);
    expect(view.toolbar?.lead).toMatchObject({ kind: 'headline', text: expect.stringMatching(/^Typical error/) });
    expect(view.toolbar?.toggles).toEqual({ view: 'chart', cardOpen: true, seriesPicker: undefined });
    expect(view.card?.content.items.length).toBeGreaterThan(0);
    expect(view.warnings).toEqual([]);
  });

  it('keeps the card closed on a short panel until the viewer opens it', () => {
    const drawing = drawingOf([makeForecastFrame()]);
    const short = ready(buildPanelView(drawing, context({ height: 260 })));
    expect(short.card).toBeUndefined();
    expect(short.toolbar?.toggles?.cardOpen).toBe(false);
    expect(short.toolbar?.lead?.kind).toBe('headline');
    const opened = ready(buildPanelView(drawing, context({ height: 260, toggles: { cardOpen: true } })));
    expect(opened.card).toBeDefined();
    expect(opened.layout.headerEstimate).toBeGreaterThan(short.layout.headerEstimate);
  });

  it("says the card's warning once, in the warning line, not inside the card", () => {
    const report = makeReport({ requested: 'lstm', method: 'seasonal_naive', warning: 'LSTM lost to seasonal naive.' });
    const view = ready(buildPanelView(drawingOf([makeForecastFrame({ report })]), context()));
    expect(view.warnings.map((w) => w.text)).toContain('LSTM lost to seasonal naive.');
    expect(view.card?.content.warning).toBeUndefined();
  });

  it('draws the series with a scale action, then the largest, in query order, and names those it leaves out', () => {
    const bases = [100, 500, 300, 50];
    const frames = bases.map((base, i) => makeForecastFrame({ name: `s${i}`, history: 10, horizon: 3, base }));
    const quiet = ready(buildPanelView(drawingOf(frames, { maxSeries: 2 }), context()));
    expect(quiet.warnings[0].text).toBe(
      'Too many series: showing 2 of 4 (those with a scale action first, then the largest; not drawn: s0, s3). ' +
        'Narrow the query or raise "Maximum forecast series" (up to 50).'
    );
    // the smallest series has a scale action pending: it is drawn, beside the largest
    const retire = makeActionsFrame([{ ...DEFAULT_ACTIONS[0], action: 'down', series: 's3' }]);
    const drawing = drawingOf([...frames, retire], { maxSeries: 2 });
    const view = ready(buildPanelView(drawing, context()));
    expect(drawing.forecasts.map((s) => s.name)).toEqual(['s1', 's3']);
    // At the most the option allows, raising it is no advice.
    const many = Array.from({ length: 54 }, (_, i) => makeForecastFrame({ name: `m${i}`, history: 4, horizon: 2 }));
    expect(ready(buildPanelView(drawingOf(many, { maxSeries: 50 }), context())).warnings[0].text).toBe(
      'Too many series: showing 50 of 54 (those with a scale action first, then the largest; not drawn: m50, m51, m52 and 1 more). ' +
        'That is the most one panel draws: narrow the query, or split it across panels.'
    );
    // Several series: the headline names the card's series, and a picker chooses it.
    expect(view.toolbar?.lead).toMatchObject({ text: expect.stringMatching(/^s3: Typical error/) });
    expect(view.toolbar?.toggles?.seriesPicker?.options.map((o) => o.label)).toEqual(['s1', 's3']);
  });

  it('opens the card on the series with a scale action, or on the one the viewer picked', () => {
    const frames = [makeForecastFrame({ name: 'quiet', key: 'kq' }), makeForecastFrame({ name: 'busy', key: 'kb' })];
    const actions = makeActionsFrame(DEFAULT_ACTIONS.map((x) => ({ ...x, series: 'kb' })));
    const drawing = drawingOf([...frames, actions]);
    expect(defaultCardSeries(drawing.forecasts, drawing.parsed.actions)).toBe(1);
    expect(ready(buildPanelView(drawing, context())).card?.seriesName).toBe('busy');
    const picked = ready(buildPanelView(drawing, context({ toggles: { cardSeries: panelSeriesKey('A', 'kq') } })));
    expect(picked.card?.seriesName).toBe('quiet');
    expect(picked.toolbar?.toggles?.seriesPicker?.value).toBe(panelSeriesKey('A', 'kq'));
  });
});

describe("buildPanelView: the dashboard's annotations", () => {
  const annotation = (timeMs: number, title: string): PanelAnnotation => ({
    id: title,
    timeMs,
    title,
    text: '',
    tags: [],
    color: 'red',
    timeText: '',
  });

  it("draws those in the chart's range, and says so when it leaves some out", () => {
    const inRange = Array.from({ length: MAX_ANNOTATIONS + 3 }, (_, i) => annotation(T0 - i * 1000, `a${i}`));
    const before = annotation(T0 - 100 * STEP, 'long before the range');
    const frames = [makeForecastFrame(), makeActionsFrame(DEFAULT_ACTIONS)];
    const all = [before, ...inRange.reverse()];
    const view = ready(buildPanelView(drawingOf(frames), context({ annotations: { all, untimed: 0 } })));
    const body = view.body.kind === 'chart' ? view.body : undefined;
    expect(body?.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(body?.annotations.map((a) => a.title)).not.toContain('long before the range');
    expect(view.warnings.map((w) => w.text)).toContain(
      `${MAX_ANNOTATIONS + 3} annotations in this time range: the latest ${MAX_ANNOTATIONS} are drawn, the 3 before them are not. Narrow the time range or the annotation query to see them.`
    );
    const few = ready(
      buildPanelView(drawingOf(frames), context({ annotations: { all: inRange.slice(0, 2), untimed: 0 } }))
    );
    expect(few.body.kind === 'chart' && few.body.annotations).toHaveLength(2);
    expect(few.warnings).toEqual([]);
  });

  it('says when an annotation is drawn in the default colour or not drawn for want of a time', () => {
    const refused = { ...annotation(T0, 'odd colour'), color: 'rgba(0, 211, 255, 1)', refusedColor: 'url(x)' };
    const frames = [makeForecastFrame(), makeActionsFrame(DEFAULT_ACTIONS)];
    const view = ready(buildPanelView(drawingOf(frames), context({ annotations: { all: [refused], untimed: 2 } })));
    expect(view.warnings.map((w) => w.text)).toEqual([
      '1 annotation names a colour that is not one ("url(x)"): drawn in the default colour. Use a colour name, #hex, rgb() or hsl().',
      '2 annotations have no readable time and are not drawn.',
    ]);
  });
});

describe('buildPanelView: warnings, toolbar and body', () => {
  it('marks partial results and says what was dropped', () => {
    const broken = makeForecastFrame({ name: 'broken' });
    broken.fields = broken.fields.filter((f) => f.name !== 'time');
    const view = ready(buildPanelView(drawingOf([makeForecastFrame(), broken]), context()));
    expect(view.partial).toBe(true);
    expect(view.warnings.map((w) => w.text)[0]).toMatch(/^Partial results: Forecast frame "broken" has no time field/);
  });

  it('says so when a colour scheme by value (kept in a saved dashboard) cannot colour the series', () => {
    const frame = makeForecastFrame();
    frame.fields.forEach((f) => (f.config = { ...f.config, color: { mode: 'thresholds' } }));
    const texts = ready(buildPanelView(drawingOf([frame]), context())).warnings.map((w) => w.text);
    expect(texts).toContainEqual(
      expect.stringMatching(/^Color scheme "From thresholds" colours by value, .* so it uses the classic palette\./)
    );
    const unknown = makeForecastFrame();
    unknown.fields.forEach((f) => (f.config = { ...f.config, color: { mode: 'rainbow' } }));
    expect(ready(buildPanelView(drawingOf([unknown]), context())).warnings.map((w) => w.text)).toContainEqual(
      'Color scheme "rainbow" is not one Grafana knows, so it uses the classic palette. Choose Single color, Shades of a color or a Classic palette.'
    );
    const plain = ready(buildPanelView(drawingOf([makeForecastFrame()]), context())).warnings.map((w) => w.text);
    expect(plain.join(' ')).not.toMatch(/Color scheme/);
  });

  it('says when the forecast on screen is a previous one, and shows an error above everything', () => {
    const drawing = drawingOf([makeForecastFrame()]);
    const loading = ready(buildPanelView(drawing, context({ stale: true, loadingState: LoadingState.Loading })));
    expect(loading.warnings[0]).toEqual({
      kind: 'warning',
      text: 'Showing the previous forecast while the new one loads.',
    });
    const failed = ready(buildPanelView(drawing, context({ stale: true, error: 'timeout' })));
    expect(failed.warnings[0]).toEqual({ kind: 'error', text: 'Error (showing the previous forecast): timeout' });
  });

  it('shows progress in the toolbar over the previous forecast while streaming', () => {
    const frames = [makeForecastFrame(), makeProgressFrame({ phase: 'train', fraction: 0.4, epoch: 8, epochs: 20 })];
    const view = ready(buildPanelView(drawingOf(frames), context({ loadingState: LoadingState.Streaming })));
    expect(view.toolbar?.lead).toMatchObject({ kind: 'progress', progress: { epoch: 8 } });
    // Progress is only live while the request runs.
    expect(ready(buildPanelView(drawingOf(frames), context())).toolbar?.lead?.kind).toBe('headline');
  });

  it('draws plain series from other data sources with a hint and without toggles or card', () => {
    const view = ready(buildPanelView(drawingOf([makePlainFrame()]), context()));
    expect(view.toolbar).toEqual({ lead: { kind: 'hint', text: PLAIN_SERIES_HINT } });
    expect(view.card).toBeUndefined();
    expect(view.body.kind === 'chart' && view.body.frames).toHaveLength(1);
  });

  it('lists predictions in the table view, chosen by the option or the toggle', () => {
    const drawing = drawingOf([makeForecastFrame({ horizon: 12 })], { view: 'table' });
    const table = ready(buildPanelView(drawing, context()));
    expect(table.body.kind === 'table' && table.body.rows).toHaveLength(12);
    expect(ready(buildPanelView(drawing, context({ toggles: { view: 'chart' } }))).body.kind).toBe('chart');
  });

  it('drops legend values on a narrow panel, handing over the same legend object on every call', () => {
    const drawing = drawingOf([makeForecastFrame()]);
    const legend = (width: number) => {
      const body = ready(buildPanelView(drawing, context({ width }))).body;
      return body.kind === 'chart' ? body.legend : undefined;
    };
    expect(legend(800)).toBe(drawing.options.legend);
    expect(legend(400)?.calcs).toEqual([]);
    expect(legend(400)).toBe(legend(400));
  });

  it('hides the time marks when the now marker is off', () => {
    const view = ready(buildPanelView(drawingOf([makeForecastFrame()], { showNowMarker: false }), context()));
    expect(view.body).toMatchObject({ kind: 'chart', clockMs: undefined, origins: [] });
  });
});
