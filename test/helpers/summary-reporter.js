// Mocha's spec reporter plus one plain closing line, "N passed, N failed", which CI reads.
// Plain JavaScript because mocha loads reporters before any TypeScript hook is registered.
"use strict";
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0 } = runner.stats || {};
      // After the spec epilogue, so it is the last line mocha prints.
      process.nextTick(() => process.stdout.write(`${passes} passed, ${failures} failed\n`));
    });
  }
}

module.exports = SummaryReporter;
