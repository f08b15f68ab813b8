/** @jest-environment node */
import { contentTypeFor, resolveStatic } from './staticFiles';

const mounts = [
  { urlPrefix: '/public/plugins/app/', dir: '/srv/dist' },
  { urlPrefix: '/public/plugins/app/datasource/', dir: '/srv/other' },
];

describe('resolveStatic', () => {
  it('maps a URL under a mount to the file in its folder', () => {
    expect(resolveStatic('/public/plugins/app/module.js', mounts)).toBe('/srv/dist/module.js');
  });

  it('prefers the longest matching prefix', () => {
    expect(resolveStatic('/public/plugins/app/datasource/wasm/x.wasm', mounts)).toBe('/srv/other/wasm/x.wasm');
  });

  it.each([
    '/public/plugins/app/../../etc/passwd',
    '/public/plugins/app/%2e%2e/%2e%2e/etc/passwd',
    '/public/plugins/app/a%00b',
    '/public/plugins/app/..%5c..%5cx',
    '/public/plugins/app/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveStatic(url, mounts)).toBeUndefined();
  });

  it('answers undefined outside every mount', () => {
    expect(resolveStatic('/elsewhere/module.js', mounts)).toBeUndefined();
  });
});

describe('contentTypeFor', () => {
  it('serves wasm as application/wasm (needed for streaming compilation)', () => {
    expect(contentTypeFor('x/tfjs-backend-wasm.wasm')).toBe('application/wasm');
    expect(contentTypeFor('forecast-worker.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('unknown.bin')).toBe('application/octet-stream');
  });
});
