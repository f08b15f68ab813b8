// Adds up the Jest and Playwright JSON reports into one closing line "N passed, N failed".
// Plain JavaScript so it runs even when the TypeScript toolchain failed to install.
const fs = require('fs');
const path = require('path');

const [dir, failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return undefined;
  }
}

const jest = read('jest.json');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites || 0);
  skipped += jest.numPendingTests + jest.numTodoTests;
  console.log(`jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed (${jest.numTotalTestSuites} suites)`);
}

const pw = read('playground-report.json');
if (pw && pw.stats) {
  const ok = pw.stats.expected + (pw.stats.flaky || 0);
  passed += ok;
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped;
  console.log(`playwright: ${ok} passed, ${pw.stats.unexpected} failed`);
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || Number(failedSteps) > 0 || passed === 0 ? 1 : 0);
