import { mkdtempSync, realpathSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { workInUserDir } from './userDir';

describe('workInUserDir', () => {
  const start = process.cwd();
  afterEach(() => process.chdir(start));

  it("works from the folder npm was run in (INIT_CWD), so the user's relative paths are theirs", () => {
    const userDir = realpathSync(mkdtempSync(join(tmpdir(), 'user-dir-')));
    workInUserDir({ INIT_CWD: userDir });
    expect(realpathSync(process.cwd())).toBe(userDir);
  });

  it('stays put without INIT_CWD (run directly) or when that folder is gone', () => {
    workInUserDir({});
    expect(process.cwd()).toBe(start);
    workInUserDir({ INIT_CWD: join(tmpdir(), 'no-such-folder-for-foresight') });
    expect(process.cwd()).toBe(start);
  });
});
