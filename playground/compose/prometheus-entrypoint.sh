#!/bin/sh
# Compose entrypoint of the prometheus service: backfill the history written by the `history`
# service into the TSDB once, then run Prometheus. Retention is long because it counts back from the
# newest block (the default 15 days would delete most of the backfill). It listens on all
# interfaces of its container network only; the host publishes it on 127.0.0.1.
set -eu
if [ ! -f /prometheus/.foresight-backfilled ]; then
  promtool tsdb create-blocks-from openmetrics --max-block-duration=744h /history/history.om /prometheus
  touch /prometheus/.foresight-backfilled
fi
exec prometheus \
  --config.file=/etc/foresight/prometheus.yml \
  --storage.tsdb.path=/prometheus \
  --storage.tsdb.retention.time=10y \
  --web.listen-address=0.0.0.0:9090
