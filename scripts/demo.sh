#!/usr/bin/env bash
# The main job: Prometheus with real backfilled history + the live demo exporter, the plugin built,
# and the playground page serving the provisioned dashboards (printed URL). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent build
if [ -f playground/server.ts ]; then
  exec node --import tsx playground/server.ts
else
  exec node --import tsx scripts/prometheus/cli.ts up
fi
