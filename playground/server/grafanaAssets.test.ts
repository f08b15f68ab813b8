/** @jest-environment node */
import { isIconUrl, systemFontFor } from './grafanaAssets';

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
});
