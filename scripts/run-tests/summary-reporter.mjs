// A node:test reporter (`--test-reporter=./scripts/run-tests/summary-reporter.mjs`) that writes one
// JSON line per finished test for scripts/run-tests.mjs, beside the spec reporter a person reads:
// { ok, file, line, name, nesting, ms, suite, skip, todo, error }. `file` is where the test was
// declared (node:test's call-site location: the compiled test file, even when several files share
// one process), `error` the first line of the failure's message (the cause's, for an assertion).
// The runner adds these up over every process: test counts, the failing tests by file, and each
// file's time (the sum of its top-level tests), which it uses to balance the next run.

/** The first line of an error's message, through node:test's wrapper to the error thrown. */
function firstLine(error) {
  const cause = error?.cause ?? error;
  const text = cause instanceof Error ? cause.message : String(cause ?? '');
  return text.split('\n')[0].slice(0, 300);
}

/**
 * @param {AsyncIterable<{ type: string, data: any }>} source node:test's events
 * @returns {AsyncGenerator<string>} one JSON line per `test:pass` / `test:fail` event
 */
export default async function* summary(source) {
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    const failed = type === 'test:fail';
    yield `${JSON.stringify({
      ok: !failed,
      file: data.file ?? null,
      line: data.line ?? null,
      name: data.name,
      nesting: data.nesting,
      ms: data.details?.duration_ms ?? 0,
      suite: data.details?.type === 'suite',
      skip: data.skip !== undefined && data.skip !== false,
      todo: data.todo !== undefined && data.todo !== false,
      error: failed ? firstLine(data.details?.error) : null,
      subtests: failed && data.details?.error?.failureType === 'subtestsFailed',
    })}\n`;
  }
}
