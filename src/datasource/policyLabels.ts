/**
 * The scaling policy's fields as the query editor labels them. The validator (`policy/validate.ts`)
 * names fields as the YAML and the API do (`minReplicas`), which is right for `serve`; in Grafana
 * the editor and the panel's error say the words the user sees beside the fields ("Min replicas"),
 * so a panel reading "highThreshold (100) must be above lowThreshold (2000)" is said in them too.
 */
import type { ScalingPolicy } from '../policy/types';

export const POLICY_LABELS = {
  capacityPerReplica: 'Capacity per replica',
  lowThreshold: 'Scale down below',
  highThreshold: 'Scale up above',
  minReplicas: 'Min replicas',
  maxReplicas: 'Max replicas',
  scaleDownStabilizationSec: 'Scale-down window',
  cooldownSec: 'Cooldown',
  leadTimeSec: 'Lead time',
} as const satisfies Partial<Record<keyof ScalingPolicy, string>>;

const LABELS: Record<string, string> = POLICY_LABELS;

/** `message` with each policy key it names said as the editor's label, quoted. */
export function withPolicyLabels(message: string): string {
  return message.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (key) =>
    Object.prototype.hasOwnProperty.call(LABELS, key) ? `"${LABELS[key]}"` : key
  );
}
