import { fingerprintText, modelFingerprint, type FingerprintInput } from './modelFingerprint';

const base: FingerprintInput = {
  expr: 'sum(rate(x[5m]))',
  seriesKey: '{job="a"}',
  windowMs: 604_800_000,
  stepMs: 300_000,
  method: 'auto',
  horizon: 12,
};

describe('modelFingerprint', () => {
  it('is stable and ignores whitespace and key order', () => {
    const a = modelFingerprint(base);
    expect(a).toMatch(/^fs1-[0-9a-f]{16}$/);
    expect(modelFingerprint({ ...base, expr: ' sum(rate(x[5m]))\n' })).toBe(a);
    expect(modelFingerprint({ ...base, lstm: { units: 32, window: 24 } })).toBe(
      modelFingerprint({ ...base, lstm: { window: 24, units: 32 } })
    );
  });

  it('changes with everything that changes what the model learned', () => {
    const a = modelFingerprint(base);
    const variants: Array<Partial<FingerprintInput>> = [
      { expr: 'sum(rate(x[1m]))' },
      { seriesKey: '{job="b"}' },
      { windowMs: 86_400_000 },
      { stepMs: 60_000 },
      { method: 'mstl' },
      { horizon: 24 },
      { lstm: { units: 64 } },
    ];
    const keys = variants.map((v) => modelFingerprint({ ...base, ...v }));
    expect(new Set([a, ...keys]).size).toBe(variants.length + 1);
  });

  it('keeps the keys saved caches were written with', () => {
    // Pinned before the move from worker/fingerprint.ts to common/hash + advisor/modelFingerprint.
    expect(modelFingerprint(base)).toBe('fs1-f244ae27ccf3d68d');
  });

  it('gives auto and lstm one key: both cache the same LSTM', () => {
    expect(modelFingerprint({ ...base, method: 'lstm' })).toBe(modelFingerprint(base));
    expect(modelFingerprint({ ...base, method: 'lstm', lstm: { units: 32 } })).toBe(
      modelFingerprint({ ...base, lstm: { units: 32 } })
    );
    expect(modelFingerprint({ ...base, method: 'lstm_base' })).not.toBe(modelFingerprint(base));
  });

  it('exposes the canonical text for debugging', () => {
    expect(fingerprintText(base)).toContain('"method":"auto"');
  });
});
