/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startLogged } from './process';

describe('startLogged', () => {
  it('stops a child that is gone by the time it is signalled (a group kill reached it first)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-process-'));
    try {
      const child = startLogged('sleep', ['30'], path.join(dir, 'log'));
      const realKill = process.kill.bind(process);
      // The child dies as the signal is sent, and the signal finds no such process (ESRCH).
      const kill = jest.spyOn(process, 'kill').mockImplementationOnce((pid, signal) => {
        realKill(pid, 'SIGKILL');
        throw Object.assign(new Error(`kill ESRCH (${String(signal)})`), { code: 'ESRCH' });
      });
      await expect(child.stop()).resolves.toBeUndefined();
      expect(kill).toHaveBeenCalledWith(child.pid, 'SIGTERM');
      kill.mockRestore();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
