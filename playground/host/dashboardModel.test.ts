import { annotationQuery } from './annotationQuery.fixture';
import { readDashboard } from './dashboardModel';

describe('readDashboard', () => {
  it('reads panels with Grafana defaults and skips rows', () => {
    const model = readDashboard({
      uid: 'u',
      title: 'T',
      panels: [
        { type: 'row', id: 9 },
        { id: 3, type: 'foresight-forecast-panel', targets: [{ refId: 'A' }, 'junk'] },
      ],
    });
    expect(model.time).toEqual({ from: 'now-6h', to: 'now' });
    expect(model.panels).toHaveLength(1);
    expect(model.panels[0]).toMatchObject({ id: 3, gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A' }] });
  });

  it("reads the graph tooltip setting (Grafana's default: each panel on its own)", () => {
    expect(readDashboard({ uid: 'u', panels: [] }).graphTooltip).toBe(0);
    expect(readDashboard({ uid: 'u', panels: [], graphTooltip: 1 }).graphTooltip).toBe(1);
    expect(readDashboard({ uid: 'u', panels: [], graphTooltip: 'shared' }).graphTooltip).toBe(0);
  });

  it('refuses what is not a dashboard', () => {
    expect(() => readDashboard({ title: 'x' })).toThrow('Not a dashboard: needs "uid" and "panels"');
  });
});

describe('readDashboard annotations', () => {
  const base = { uid: 'u', panels: [] };

  it('has none when the dashboard declares none', () => {
    expect(readDashboard(base).annotations).toEqual([]);
    expect(readDashboard({ ...base, annotations: { list: 'junk' } }).annotations).toEqual([]);
  });

  it('reads Prometheus annotation queries and skips built-in, expr-less and junk entries', () => {
    // Read back exactly as written: every field is one the model keeps.
    const reactive = annotationQuery({ hide: true, tagKeys: 'service,instance' });
    const model = readDashboard({
      ...base,
      annotations: {
        list: [
          {
            builtIn: 1,
            name: 'Annotations & Alerts',
            enable: true,
            datasource: { type: 'grafana', uid: '-- Grafana --' },
          },
          { name: 'No query', enable: true },
          'junk',
          reactive,
          { name: 'Off', enable: false, expr: 'up == 0', step: 42 },
        ],
      },
    });
    expect(model.annotations).toEqual([
      reactive,
      {
        name: 'Off',
        enable: false,
        hide: false,
        iconColor: undefined,
        datasource: undefined,
        expr: 'up == 0',
        step: undefined,
        titleFormat: undefined,
        textFormat: undefined,
        tagKeys: undefined,
        useValueForTime: false,
      },
    ]);
  });

  it('defaults enable to true and reads the query from `target` as Grafana 11+ saves it', () => {
    const [anno] = readDashboard({
      ...base,
      annotations: { list: [{ target: { expr: 'up', interval: '5m', refId: 'Anno' }, expr: 'old', step: '1m' }] },
    }).annotations;
    expect(anno).toMatchObject({ name: 'Annotations 1', enable: true, expr: 'up', step: '5m' });
  });
});
