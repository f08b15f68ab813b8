import { validatePolicy } from '../policy';
import { DEFAULT_POLICY } from '../policy/defaults';
import { withPolicyLabels } from './policyLabels';

function problem(fields: object): string {
  try {
    validatePolicy({ ...DEFAULT_POLICY, ...fields });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a problem');
}

describe('policy problems in the editor’s words', () => {
  it('names each field as its label, and leaves other words alone', () => {
    expect(withPolicyLabels(problem({ kind: 'thresholds', lowThreshold: 2000, highThreshold: 100 }))).toContain(
      '"Scale up above" (100) must be above "Scale down below" (2000)'
    );
    expect(withPolicyLabels(problem({ minReplicas: 20, maxReplicas: 5 }))).toContain(
      '"Min replicas" (20) must not exceed "Max replicas" (5)'
    );
    expect(withPolicyLabels('The query returned no data over the last 7d: rate(x[5m]).')).toBe(
      'The query returned no data over the last 7d: rate(x[5m]).'
    );
    expect(withPolicyLabels('toString and hasOwnProperty are no policy fields')).toBe(
      'toString and hasOwnProperty are no policy fields'
    );
  });
});
