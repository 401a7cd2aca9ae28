/**
 * Lists every skipped test with its reason at the end of the run, so a green run never hides a gap,
 * and closes with one plain summary line: `tests: N passed, N failed, N skipped`.
 */
class SkipReporter {
  constructor() {
    this.skipped = [];
  }

  onTestResult(_test, result) {
    for (const assertion of result.testResults) {
      if (assertion.status === 'pending' || assertion.status === 'skipped') this.skipped.push(assertion.fullName);
    }
  }

  onRunComplete(_contexts, results) {
    if (this.skipped.length > 0) {
      process.stdout.write(`\nSkipped tests (${this.skipped.length}):\n${this.skipped.map((name) => `  - ${name}`).join('\n')}\n`);
    }
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`);
  }
}
module.exports = SkipReporter;
