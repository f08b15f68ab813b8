/**
 * Saved models survive a real IndexedDB round trip in Chromium (issue 10 item 1): in ONE browser
 * profile, the ELB panel shows the same method after two reloads, the model it reuses comes out of
 * the `foresight-models` store (a structured clone), and nothing says the LSTM was skipped over
 * its metadata — the returning-user path that used to fall back to seasonal naive in silence.
 */
import { testIds } from '../../src/datasource/testIds';
import { DASHBOARDS, MODEL_DB, expect, forecastFrames, playgroundTestIds, test, type PanelSummary } from './fixtures';

const ELB_PANEL = 1;

interface StoredEntry {
  key: string;
  method?: string;
  trainedAtMs?: number;
  hasWeights: boolean;
}

test('a model cached in IndexedDB is reused after reloads: same method, no skipped LSTM', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;

  /** What the one model store holds, read in the page like the data source does. */
  const storedModels = (): Promise<StoredEntry[]> =>
    page.evaluate(
      ({ dbName, storeName }) =>
        new Promise<StoredEntry[]>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(storeName)) {
              db.close();
              resolve([]);
              return;
            }
            const store = db.transaction(storeName, 'readonly').objectStore(storeName);
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => {
              db.close();
              resolve(
                values.result.map(
                  (
                    v: {
                      meta?: { report?: { method?: string }; trainedAtMs?: number };
                      artifacts?: { weightData?: ArrayBuffer };
                    },
                    i: number
                  ) => ({
                    key: String(keys.result[i]),
                    method: v.meta?.report?.method,
                    trainedAtMs: v.meta?.trainedAtMs,
                    hasWeights: (v.artifacts?.weightData?.byteLength ?? 0) > 0,
                  })
                )
              );
            };
            values.onerror = () => reject(values.error);
          };
        }),
      MODEL_DB
    );

  /** When each cached model was last used, from the store's access records (what eviction reads). */
  const lastUsed = (): Promise<Record<string, number>> =>
    page.evaluate(
      ({ dbName, accessStore }) =>
        new Promise<Record<string, number>>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction(accessStore, 'readonly').objectStore(accessStore);
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => {
              db.close();
              const used = values.result.map((v: { usedAtMs: number }) => v.usedAtMs);
              resolve(Object.fromEntries(keys.result.map((k, i) => [String(k), used[i]])));
            };
            values.onerror = () => reject(values.error);
          };
        }),
      MODEL_DB
    );

  /** Everything the page shows, tooltips included, for the metadata-error check. */
  const pageWords = async (): Promise<string> => {
    const titles = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[title]'))
        .map((e) => e.getAttribute('title') ?? '')
        .join(' | ')
    );
    return `${titles} | ${await page.locator('body').innerText()}`;
  };
  /** The ELB panel's "… skipped: …" sentences (notes and visible warnings). */
  const skips = (summary: PanelSummary): string[] =>
    summary.frames.flatMap((f) => [...(f.notes ?? []), ...(f.warnings ?? [])]).filter((line) => /skipped/i.test(line));

  const visit = async (how: 'open' | 'reload'): Promise<{ summary: PanelSummary; ms: number }> => {
    const started = Date.now();
    if (how === 'open') {
      await playground.openDashboard(DASHBOARDS.predictiveScaling.uid);
    } else {
      await page.reload();
    }
    const summary = await playground.waitForPanel(ELB_PANEL);
    return { summary, ms: Date.now() - started };
  };

  const first = await visit('open');
  const fitted = forecastFrames(first.summary)[0];
  expect(fitted, `a forecast on the first visit; errors: ${first.summary.errors.join(' | ')}`).toBeDefined();
  console.log(`first visit: ${fitted.method} (${fitted.model}) in ${first.ms} ms`);
  const cached = await storedModels();
  expect(cached.length, 'the trained LSTM is cached in the one model store').toBeGreaterThan(0);
  expect(cached.every((e) => e.hasWeights)).toBe(true);
  // Each cached model has its access record, so the store stays within its budget (LRU eviction).
  const usedFirst = await lastUsed();
  expect(Object.keys(usedFirst).sort()).toEqual(
    cached
      .map((e) => e.key)
      .filter((k) => !k.startsWith('name:'))
      .sort()
  );

  for (const round of [1, 2]) {
    const again = await visit('reload');
    const frame = forecastFrames(again.summary)[0];
    expect(frame, `a forecast after reload ${round}; errors: ${again.summary.errors.join(' | ')}`).toBeDefined();
    console.log(
      `reload ${round}: ${frame.method} (${frame.model}${frame.warmStart ? ', fine-tuned' : ''}) in ${again.ms} ms`
    );
    expect(frame.method, `reload ${round} shows the method of the first visit`).toBe(fitted.method);
    expect(frame.model, 'the cached model was used, not a fresh training from scratch').toMatch(
      frame.warmStart ? /trained|cache/ : /cache|loaded/
    );
    expect(frame.forecastPoints).toBe(fitted.forecastPoints);
    expect(frame.lastSampleMs).toBe(fitted.lastSampleMs);
    if (frame.model === 'cache') {
      // Reused as is on the same data: the same forecast, so the same plan.
      const actions = (s: PanelSummary) => s.frames.find((f) => f.kind === 'actions')?.actions;
      expect(actions(again.summary)).toEqual(actions(first.summary));
    }
    expect(await pageWords()).not.toMatch(/User-defined metadata|metadata is expected/);
    // A candidate skipped for lack of history is skipped on every visit; nothing new may appear.
    expect(skips(again.summary).filter((line) => !skips(first.summary).includes(line))).toEqual([]);
    expect(again.summary.errors).toEqual([]);
  }
  // Reading a model on reload counts as a use: the ELB model is now the most recently used.
  const usedAfter = await lastUsed();
  expect(Object.keys(usedAfter).some((k) => usedAfter[k] > usedFirst[k])).toBe(true);
  await playground.screenshot('model-store-after-two-reloads');
  expect(pageProblems.all()).toEqual([]);
});

test('a model saved under a name is offered by that name in Load mode, and loaded from this browser', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: ELB_PANEL });
  const first = await playground.waitForPanel(ELB_PANEL);
  expect(forecastFrames(first)[0], `a forecast first; errors: ${first.errors.join(' | ')}`).toBeDefined();
  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  const name = editor.getByTestId(testIds.query.modelRef);
  // Train mode with a name: the run also saves the model under it.
  await name.fill('elb-rps');
  await name.blur();
  const saved = await playground.waitForNextRun(ELB_PANEL, first.requestId);
  expect(forecastFrames(saved)[0], `saved run; errors: ${saved.errors.join(' | ')}`).toBeDefined();
  await editor.getByRole('radio', { name: 'Load', exact: true }).check();
  // The name field offers what this browser holds, without the user remembering it.
  const offered = editor.getByTestId(testIds.query.savedModelNames).locator('option');
  await expect(offered).toHaveCount(1);
  await expect(offered).toHaveAttribute('value', 'elb-rps');
  const loaded = await playground.waitForNextRun(ELB_PANEL, saved.requestId);
  const frame = forecastFrames(loaded)[0];
  expect(frame, `loaded run; errors: ${loaded.errors.join(' | ')}`).toBeDefined();
  expect(frame.model).toBe('loaded');
  expect(frame.method).toBe(forecastFrames(saved)[0].method);
  await playground.screenshot('model-store-load-by-name');
  expect(pageProblems.all()).toEqual([]);
});
