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

  it('refuses what is not a dashboard', () => {
    expect(() => readDashboard({ title: 'x' })).toThrow('Not a dashboard: needs "uid" and "panels"');
  });
});
