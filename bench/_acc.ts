import { initEngineNode } from '../src/engine/node';
import { selectShippedBaseModel } from '../src/engine/lstm/baseModelNode';
import { listCsvFiles } from '../src/io/csv';
import { runAccuracy, summarise } from './accuracy';
(async () => {
  await initEngineNode();
  selectShippedBaseModel();
  const files = listCsvFiles(process.env.DIR ?? '/work/shared/data/nab').filter((f) => !process.env.ONLY || f.includes(process.env.ONLY));
  const H = Number(process.argv[2] ?? 12);
  const rows = await runAccuracy(files, () => undefined, [H]);
  const s = summarise(rows, H === 3 ? 'short' : 'long');
  console.log(JSON.stringify(s.relMae));
  for (const r of rows) console.log(r.series, r.methods.auto?.mase.toFixed(3), JSON.stringify(r.methods.auto?.choices));
})();
