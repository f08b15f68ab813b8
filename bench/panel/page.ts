/**
 * Browser entry of the panel render benchmark (bundled by build.ts with React and @grafana/*).
 * Exposes `window.foresightBench` (see api.ts); the Node runner drives it through Playwright.
 */
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createTheme, ThemeContext } from '@grafana/data';
import { GlobalStyles } from '@grafana/ui';
import { panelTestIds } from '../../src/panel/testIds';
import { type BenchApi, type CanvasInk, CASE_IDS, type CaseId } from './api';
import { CASES, caseElement } from './cases';
import { activityCount, afterNextPaint, installActivityProbe, timeToSettledPaint } from './measure';

const params = new URLSearchParams(location.search);
const theme = createTheme({ colors: { mode: params.get('theme') === 'light' ? 'light' : 'dark' } });
document.body.style.margin = '0';
document.body.style.background = theme.colors.background.canvas;

const host = document.getElementById('root');
if (!host) {
  throw new Error('The benchmark page has no #root element.');
}
installActivityProbe(host);

// Grafana's global styles (body colour and font, form-control resets) are on every dashboard, once:
// rendered here outside the timed root, and before the API appears (see the end of this file).
const globalHost = document.createElement('div');
document.body.prepend(globalHost);
createRoot(globalHost).render(createElement(ThemeContext.Provider, { value: theme }, createElement(GlobalStyles)));

let root: Root | undefined;
let generation = 0;

function wrap(element: ReactElement): ReactElement {
  const frame = createElement(
    'div',
    { style: { background: theme.colors.background.primary, width: 'fit-content', padding: 8 } },
    element
  );
  return createElement(ThemeContext.Provider, { value: theme }, frame);
}

function chartCanvas(): HTMLCanvasElement | null {
  return host!.querySelector('canvas');
}

/** The chart is up: uPlot's canvas exists and, for the panel, its DOM overlay placed the "now" marker. */
function chartReady(id: CaseId): boolean {
  if (!chartCanvas()) {
    return false;
  }
  return (
    CASES[id].component !== 'ForecastPanel' || host!.querySelector(`[data-testid="${panelTestIds.nowMarker}"]`) !== null
  );
}

function collectGarbage(): void {
  window.gc?.();
}

const api: BenchApi = {
  cases: CASE_IDS.map((id) => CASES[id]),
  async mount(id) {
    api.unmount();
    generation++;
    const element = wrap(caseElement(CASES[id], generation, theme));
    collectGarbage();
    const before = activityCount();
    const start = performance.now();
    root = createRoot(host);
    root.render(element);
    return timeToSettledPaint(start, { ready: () => activityCount() !== before && chartReady(id) });
  },
  async update(id) {
    if (!root) {
      throw new Error('update() needs a mounted case; call mount() first.');
    }
    generation++;
    const element = wrap(caseElement(CASES[id], generation, theme));
    collectGarbage();
    const before = activityCount();
    const start = performance.now();
    root.render(element);
    return timeToSettledPaint(start, { ready: () => activityCount() !== before && chartReady(id) });
  },
  unmount() {
    root?.unmount();
    root = undefined;
  },
  ink(): CanvasInk {
    const canvas = chartCanvas();
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0 || canvas.height === 0) {
      return { width: 0, height: 0, inkPixels: 0, inkRatio: 0 };
    }
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 3; i < pixels.length; i += 4) {
      if (pixels[i] !== 0) {
        ink++;
      }
    }
    return {
      width: canvas.width,
      height: canvas.height,
      inkPixels: ink,
      inkRatio: ink / (canvas.width * canvas.height),
    };
  },
};

afterNextPaint().then(() => {
  window.foresightBench = api;
});
