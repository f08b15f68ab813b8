/**
 * Jest's own order (slowest known first, else largest file first), with the integration suites
 * moved to the front and the exporter test first of all. Why: a clean clone has no timings, so
 * Jest orders by file size, and tests/integration/exporter.test.ts (80 lines, but 160 s of watching
 * live scrapes) started last and ran on alone: Jest took 304 s on 2 cores where its work fits in
 * about 180. The integration suites wait on real servers more than they use the CPU, so they start
 * first, beside the unit suites.
 */
const Sequencer = require('@jest/test-sequencer').default;

const rank = (test) =>
  test.path.endsWith('/tests/integration/exporter.test.ts') ? 0 : test.path.includes('/tests/integration/') ? 1 : 2;

class IntegrationFirst extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: within a rank, Jest's order stands.
    return super.sort(tests).sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = IntegrationFirst;
