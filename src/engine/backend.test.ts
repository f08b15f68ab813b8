/** @jest-environment node */
import { initEngineNode } from './node';
import { selectBackend, webglRefusalReason } from './backend';
import { forecastSeries } from './forecast';
import { dailyWave } from './testSeries';

beforeAll(async () => {
  await initEngineNode({ mstl: false });
});

describe('backend selection', () => {
  it('falls back from webgl to wasm where there is no usable WebGL, and says why', async () => {
    await expect(selectBackend('webgl')).resolves.toBe('wasm');
    expect(webglRefusalReason()).toMatch(/WebGL|webgl/);
  });

  it('reports the fallback in the forecast notes', async () => {
    const series = dailyWave(4 * 288, { stepMs: 300_000 });
    const { report } = await forecastSeries({
      series,
      stepMs: 300_000,
      horizon: 3,
      method: 'lstm',
      backend: 'webgl',
      lstm: { epochs: 1 },
    });
    expect(report.backend).toBe('wasm');
    expect(JSON.stringify(report)).toMatch(/Backend webgl is unavailable here \(.+\); the LSTM ran on wasm/);
  });

  it('keeps cpu when asked for it', async () => {
    await expect(selectBackend('cpu')).resolves.toBe('cpu');
    await expect(selectBackend('auto')).resolves.toBe('wasm');
  });
});
