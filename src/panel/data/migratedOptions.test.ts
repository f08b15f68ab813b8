import { DEFAULT_OPTIONS } from '../options';
import { migratedOptions } from './migratedOptions';

jest.mock('../migrations', () => {
  const actual = jest.requireActual('../migrations');
  return { ...actual, migrateOptions: jest.fn(actual.migrateOptions) };
});

const { migrateOptions } = jest.requireMock('../migrations') as { migrateOptions: jest.Mock };

describe('migratedOptions', () => {
  beforeEach(() => migrateOptions.mockClear());

  it('migrates an options object once, however often it is asked for, and returns the same result', () => {
    const stored = { showBands: false, replicasAxis: 'left' };
    const first = migratedOptions(stored);
    expect(migratedOptions(stored)).toBe(first);
    expect(migratedOptions(stored)).toBe(first);
    expect(migrateOptions).toHaveBeenCalledTimes(1);
    expect(first).toMatchObject({ bands: 'none', replicaAxis: 'left' });
  });

  it('migrates again when the options change (a new object)', () => {
    migratedOptions({ ...DEFAULT_OPTIONS });
    migratedOptions({ ...DEFAULT_OPTIONS, bands: '80' });
    expect(migrateOptions).toHaveBeenCalledTimes(2);
  });

  it('fills defaults for missing options', () => {
    expect(migratedOptions(undefined)).toEqual(DEFAULT_OPTIONS);
  });
});
