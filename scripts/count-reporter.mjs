// A node:test reporter that writes the pass/fail counts as JSON, for the closing line of `npm test`.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    // Suites report too; count tests only (a suite's details carry type 'suite').
    if (event.type === 'test:pass' && event.data.details?.type !== 'suite') {
      if (event.data.skip || event.data.todo) counts.skipped += 1;
      else counts.passed += 1;
    }
    if (event.type === 'test:fail' && event.data.details?.type !== 'suite') {
      counts.failed += 1;
      counts.failures.push(`${event.data.file ?? ''} › ${event.data.name}`);
    }
  }
  yield JSON.stringify(counts);
}
