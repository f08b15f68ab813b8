/** `npm run exporter`: serves the demo exporter alone until interrupted (PORT picks the port). */
import { dayLengthFromEnv, startExporter } from './server';

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const handle = await startExporter({ port, dayLengthSec: dayLengthFromEnv() });
  console.log(`Demo exporter: ${handle.url}/metrics`);
  const stop = () => void handle.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
