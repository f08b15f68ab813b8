/**
 * Assets Grafana's own server provides and @grafana/ui's npm package does not ship: the Inter and
 * Roboto Mono web fonts (`/public/fonts/…`) and the full unicons set (the package carries 175 of
 * them). The playground serves the system's Inter/DejaVu fonts (Debian `fonts-inter`,
 * `fonts-dejavu-core`) and a neutral placeholder for any icon the package lacks, so the page makes
 * no failing requests. Fonts are sniffed by content, so OpenType bytes under a .woff2 URL are fine.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const INTER_DIRS = ['/usr/share/fonts/opentype/inter', '/usr/share/fonts/truetype/inter'];
const MONO_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

/** The system font file to serve for a Grafana font URL, or undefined when none is installed. */
export function systemFontFor(pathname: string): string | undefined {
  const inter = /^\/public\/fonts\/inter\/(Inter-(?:Regular|Medium|Italic|MediumItalic))\.woff2$/.exec(pathname);
  if (inter) {
    for (const dir of INTER_DIRS) {
      for (const ext of ['.otf', '.ttf']) {
        const file = path.join(dir, inter[1] + ext);
        if (existsSync(file)) {
          return file;
        }
      }
    }
    return undefined;
  }
  if (pathname.startsWith('/public/fonts/roboto/') && existsSync(MONO_FONT)) {
    return MONO_FONT;
  }
  return undefined;
}

export function isFontUrl(pathname: string): boolean {
  return pathname.startsWith('/public/fonts/');
}

/** True for an icon URL of Grafana's icon root (`/public/build/img/icons/<set>/<name>.svg`). */
export function isIconUrl(pathname: string): boolean {
  return /^\/public\/build\/img\/icons\/[a-z]+\/[a-z0-9-]+\.svg$/.test(pathname);
}

/** A neutral 24×24 glyph (a small rounded square) standing in for an icon the package lacks. */
export const PLACEHOLDER_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">' +
  '<rect x="7" y="7" width="10" height="10" rx="2" fill="currentColor" opacity="0.6"/></svg>';

/**
 * An icon the package lacks drawn from its mirror image: @grafana/ui ships `angle-double-right`
 * but not `angle-double-left`, so the time picker's "move time range backwards" button showed the
 * placeholder square. Answers the SVG text, or undefined when there is no mirror to draw from.
 */
export function mirroredIcon(pathname: string, iconsDir: string): string | undefined {
  const match = /^\/public\/build\/img\/icons\/([a-z]+)\/([a-z0-9-]+)-(left|right)\.svg$/.exec(pathname);
  if (!match) {
    return undefined;
  }
  const [, set, stem, side] = match;
  const mirror = path.join(iconsDir, set, `${stem}-${side === 'left' ? 'right' : 'left'}.svg`);
  if (!existsSync(mirror)) {
    return undefined;
  }
  const svg = readFileSync(mirror, 'utf8');
  const open = /<svg[^>]*>/.exec(svg);
  const close = svg.lastIndexOf('</svg>');
  if (!open || close < 0) {
    return undefined;
  }
  // Unicons draw on a 24×24 view box: flip horizontally about its centre.
  const body = svg.slice(open.index + open[0].length, close);
  return `${open[0]}<g transform="translate(24 0) scale(-1 1)">${body}</g></svg>`;
}
