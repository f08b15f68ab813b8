/** @jest-environment node */
import path from 'node:path';
import { isIconUrl, mirroredIcon, systemFontFor } from './grafanaAssets';

const ICONS = path.resolve(__dirname, '../../node_modules/@grafana/ui/dist/public/img/icons');

describe('grafanaAssets', () => {
  it('recognises icon URLs of the icon root only', () => {
    expect(isIconUrl('/public/build/img/icons/unicons/angle-left.svg')).toBe(true);
    expect(isIconUrl('/public/build/img/icons/unicons/../../x.svg')).toBe(false);
    expect(isIconUrl('/public/plugins/x/img/logo.svg')).toBe(false);
  });

  it('maps only the Inter faces Grafana asks for', () => {
    expect(systemFontFor('/public/fonts/inter/Inter-Black.woff2')).toBeUndefined();
    expect(systemFontFor('/public/fonts/inter/../../../etc/passwd')).toBeUndefined();
  });

  it('draws the missing "move time range backwards" icon from its mirror image', () => {
    const svg = mirroredIcon('/public/build/img/icons/unicons/angle-double-left.svg', ICONS);
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 24 24"[^>]*><g transform="translate\(24 0\) scale\(-1 1\)"><path /);
    expect(svg).toMatch(/<\/g><\/svg>$/);
    expect(mirroredIcon('/public/build/img/icons/unicons/no-such-left.svg', ICONS)).toBeUndefined();
    expect(mirroredIcon('/public/build/img/icons/unicons/../x-left.svg', ICONS)).toBeUndefined();
  });
});
