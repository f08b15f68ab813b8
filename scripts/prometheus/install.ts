/**
 * Finds Debian's Prometheus (`prometheus`, `promtool`), or unpacks the .deb into `.foresight/`
 * without root (`apt-get download` + `dpkg-deb -x`, about 2 s), so every tool works on a fresh machine.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { RUNTIME_DIR } from '../lib/paths';

export interface PrometheusBinaries {
  prometheus: string;
  promtool: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

export function findPrometheus(): PrometheusBinaries | undefined {
  const local = path.join(RUNTIME_DIR, 'prometheus-deb', 'usr', 'bin');
  const candidates: Array<Partial<PrometheusBinaries>> = [
    { prometheus: onPath('prometheus'), promtool: onPath('promtool') },
    { prometheus: path.join(local, 'prometheus'), promtool: path.join(local, 'promtool') },
  ];
  for (const c of candidates) {
    if (c.prometheus && c.promtool && fs.existsSync(c.prometheus) && fs.existsSync(c.promtool)) {
      return { prometheus: c.prometheus, promtool: c.promtool };
    }
  }
  return undefined;
}

export function ensurePrometheus(): PrometheusBinaries {
  const found = findPrometheus();
  if (found) {
    return found;
  }
  const target = path.join(RUNTIME_DIR, 'prometheus-deb');
  const downloads = path.join(RUNTIME_DIR, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const run = (cmd: string, args: string[], cwd?: string) => execFileSync(cmd, args, { cwd, stdio: 'pipe' });
  try {
    run('apt-get', ['download', 'prometheus'], downloads);
  } catch {
    // Package lists may be missing on a fresh machine; refreshing them needs root.
    try {
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['download', 'prometheus'], downloads);
    } catch (e) {
      throw new Error(
        `Prometheus is not installed and could not be downloaded from Debian's mirrors. ` +
          `Install it with "apt-get install -y prometheus". (${(e as Error).message.split('\n')[0]})`
      );
    }
  }
  const deb = fs.readdirSync(downloads).find((f) => /^prometheus_.*\.deb$/.test(f));
  if (!deb) {
    throw new Error(`apt-get download prometheus produced no .deb in ${downloads}`);
  }
  run('dpkg-deb', ['-x', path.join(downloads, deb), target]);
  const unpacked = findPrometheus();
  if (!unpacked) {
    throw new Error(`Unpacked ${deb} but found no prometheus/promtool under ${target}`);
  }
  return unpacked;
}
