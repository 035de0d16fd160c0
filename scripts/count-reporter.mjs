// A node:test reporter that writes the pass/fail counts as JSON, for the closing line of `npm test`, with how long
// each file took: the suites run one file at a time, so a file's time is from the previous file's last event to its
// own last one (its process start, imports and hooks included) — where to look when CI grows slow.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [], seconds: {} };
  const started = Date.now();
  let file;
  let fileStarted = started;
  let lastEvent = started;
  for await (const event of source) {
    const eventFile = event.data?.file;
    if (eventFile && eventFile !== file) {
      if (file) counts.seconds[file] = (counts.seconds[file] ?? 0) + (lastEvent - fileStarted) / 1000;
      file = eventFile;
      fileStarted = lastEvent;
    }
    if (eventFile) lastEvent = Date.now();
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
  if (file) counts.seconds[file] = (counts.seconds[file] ?? 0) + (lastEvent - fileStarted) / 1000;
  yield JSON.stringify(counts);
}
