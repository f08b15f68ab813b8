/**
 * `npm run exporter`: serves the demo exporter alone until interrupted (PORT picks the port; with
 * FORESIGHT_REPLAY_NAB_DIR and FORESIGHT_REPLAY_MANIFEST it also continues a backfill's NAB series).
 */
import { replaySourceFromEnv } from './replaySource';
import { dayLengthFromEnv, startExporter } from './server';

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const replay = replaySourceFromEnv();
  const handle = await startExporter({ port, dayLengthSec: dayLengthFromEnv(), replay });
  console.log(
    `Demo exporter: ${handle.url}/metrics${replay ? `, ${replay.series.length} NAB series continued on ${handle.url}/replay/metrics` : ''}`
  );
  const stop = () => void handle.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
