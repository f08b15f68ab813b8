/**
 * Frames the Foresight encoder never writes, for tests of the panel's robustness against other
 * producers (another data source, an older or hand-made Foresight frame). Each helper says which
 * shape it makes; tests of what Foresight really sends use ./fixtures.ts, which calls the encoder.
 */
import { type DataFrame, FieldType } from '@grafana/data';
import { FORECAST_FIELDS, type ForesightFrameMeta } from '../../contract/frames';
import { STEP, T0 } from '../../contract/testing/samples';

export type ForeignMeta = Partial<ForesightFrameMeta['foresight']>;

/** What can be made foreign about an encoded forecast frame. */
export interface ForeignShape {
  /** Drop `meta.policy`: the encoder always writes the policy the plan was made with. */
  noPolicy?: boolean;
  /** Drop the four band fields: the encoder always writes both bands. */
  noBands?: boolean;
  /** Meta keys the encoder writes otherwise (or never, as `progress` on a forecast frame), set as given. */
  meta?: ForeignMeta;
}

const BAND_FIELDS: string[] = [
  FORECAST_FIELDS.lower80,
  FORECAST_FIELDS.upper80,
  FORECAST_FIELDS.lower95,
  FORECAST_FIELDS.upper95,
];

/** An encoded forecast frame, changed into a shape another producer might send. */
export function foreignForecastFrame(encoded: DataFrame, shape: ForeignShape): DataFrame {
  const custom = encoded.meta?.custom as ForesightFrameMeta | undefined;
  const foresight: ForeignMeta = { ...custom?.foresight, ...shape.meta };
  if (shape.noPolicy) {
    delete foresight.policy;
  }
  const fields = shape.noBands ? encoded.fields.filter((f) => !BAND_FIELDS.includes(f.name)) : encoded.fields;
  return { ...encoded, fields, meta: { ...encoded.meta, custom: { foresight } } };
}

/** True when a shape asks for anything the encoder would not write. */
export function isForeign(shape: ForeignShape): boolean {
  return Boolean(shape.noPolicy || shape.noBands || (shape.meta && Object.keys(shape.meta).length > 0));
}

/** A plain Prometheus-like series with no Foresight metadata. */
export function makePlainFrame(name = 'up', points = 30): DataFrame {
  const time = Array.from({ length: points }, (_, i) => T0 - (points - 1 - i) * STEP);
  return {
    name,
    refId: 'B',
    length: points,
    fields: [
      { name: 'Time', type: FieldType.time, values: time, config: {} },
      {
        name: 'Value',
        type: FieldType.number,
        values: time.map((_, i) => (i % 7) + 1),
        config: {},
        labels: { job: name },
      },
    ],
  };
}
