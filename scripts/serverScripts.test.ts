/**
 * The long-running servers clean up on Ctrl-C or SIGTERM (child processes stopped by PID, temporary
 * directories removed). Under the `tsx` command they can be SIGKILLed in the middle of that: its
 * signal relay kills the child when the child reports a signal it also got from the process group
 * a few milliseconds late. So they run as one Node process, `node --import tsx`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

describe('servers that clean up on a signal', () => {
  it.each(['playground', 'prometheus', 'exporter', 'serve'])('npm run %s is one Node process', (name) => {
    expect(scripts[name]).toMatch(/^node --import tsx /);
  });

  it('npm run demo starts the playground the same way', () => {
    const demo = readFileSync(path.join(root, 'scripts', 'demo.sh'), 'utf8');
    expect(demo).not.toMatch(/(?<!--import )\btsx (playground|scripts)\//);
    expect(demo).toMatch(/exec node --import tsx playground\/server\.ts/);
  });
});
