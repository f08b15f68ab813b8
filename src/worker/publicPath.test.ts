import { absoluteUrl, bundleRootFrom, workerUrls } from './publicPath';

describe('public path', () => {
  it('finds the bundle root from the nested data source folder', () => {
    expect(bundleRootFrom('public/plugins/foresight-forecast-app/datasource/')).toBe(
      'public/plugins/foresight-forecast-app/'
    );
    expect(bundleRootFrom('https://cdn/x/datasource')).toBe('https://cdn/x/');
    expect(bundleRootFrom('public/plugins/app/')).toBe('public/plugins/app/');
  });
  it('makes URLs absolute for the worker', () => {
    expect(absoluteUrl('public/plugins/app/', 'http://grafana:3000/sub/')).toBe(
      'http://grafana:3000/sub/public/plugins/app/'
    );
  });
  it('has nothing to say outside a webpack bundle', () => {
    expect(workerUrls()).toEqual({});
  });
});
