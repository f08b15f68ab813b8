import type { TrainProgress } from '../engine/api';

/** A one-line progress bar on stderr when it is a terminal; silent otherwise (and with --json). */
export function progressBar(enabled: boolean): { update(p: TrainProgress): void; done(): void } {
  const tty = enabled && process.stderr.isTTY;
  let last = '';
  return {
    update(p) {
      if (!tty) {
        return;
      }
      const width = 30;
      const filled = Math.round(Math.max(0, Math.min(1, p.fraction)) * width);
      const epoch = p.epoch
        ? ` epoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(4)} val ${p.valLoss?.toFixed(4)}`
        : '';
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.phase}${epoch}${p.message ? ` ${p.message}` : ''}`;
      if (line !== last) {
        process.stderr.write(`\r${line.padEnd(100)}`);
        last = line;
      }
    },
    done() {
      if (tty && last) {
        process.stderr.write('\n');
      }
    },
  };
}
