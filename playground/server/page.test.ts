/** @jest-environment node */
import { grafanaBootData, inlineJson, renderPage } from './page';

describe('inlineJson', () => {
  it('cannot close the script element it is inlined in', () => {
    const text = inlineJson({ title: '</script><script>alert(1)</script>' });
    expect(text).not.toContain('</script>');
    expect(JSON.parse(text)).toEqual({ title: '</script><script>alert(1)</script>' });
  });
});

describe('renderPage', () => {
  const input = {
    datasources: [
      {
        name: 'Prometheus',
        type: 'prometheus',
        uid: 'prometheus',
        url: '/api/datasources/proxy/uid/prometheus',
        isDefault: true,
      },
    ],
    dashboards: [{ uid: 'd1', title: 'One', file: '01.json' }],
    prometheusUrl: 'http://127.0.0.1:9090',
    grafanaVersion: '12.4.10',
  };

  it('sets the boot data before loading the host bundle', () => {
    const html = renderPage(input, '/playground/host.js', '');
    expect(html.indexOf('window.grafanaBootData')).toBeGreaterThan(0);
    expect(html.indexOf('window.grafanaBootData')).toBeLessThan(html.indexOf('src="/playground/host.js"'));
    expect(html).toContain('window.__grafana_public_path__');
  });

  it('boots Grafana runtime with the default data source and version', () => {
    const boot = grafanaBootData(input) as { settings: { defaultDatasource: string; buildInfo: { version: string } } };
    expect(boot.settings.defaultDatasource).toBe('prometheus');
    expect(boot.settings.buildInfo.version).toBe('12.4.10');
  });
});
