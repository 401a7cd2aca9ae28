/** Lists every skipped test with its reason at the end of the run, so a green run never hides a gap. */
class SkipReporter {
  constructor() {
    this.skipped = [];
  }

  onTestResult(_test, result) {
    for (const assertion of result.testResults) {
      if (assertion.status === 'pending' || assertion.status === 'skipped') this.skipped.push(assertion.fullName);
    }
  }

  onRunComplete() {
    if (this.skipped.length === 0) return;
    process.stdout.write(`\nSkipped tests (${this.skipped.length}):\n${this.skipped.map((name) => `  - ${name}`).join('\n')}\n`);
  }
}
module.exports = SkipReporter;
