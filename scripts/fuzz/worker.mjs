/**
 * The fuzz lane (a child process of scripts/fuzz.mjs, forked with an IPC channel): runs cases `from`..`to` of a seed through
 * the library in-process — parseGuide, the JSON Schema of the graph (ajv over
 * schema/step-graph.schema.json), every generator (bash, Ansible, checklist, with placeholders
 * left unbound) — and every `cliEvery`-th case through the CLI's `main` (`tejun compile --target
 * all`, in-process, into a scratch folder). Sends `{ type: 'start', i }` before and
 * `{ type: 'done', i, cpuMs, retryCpuMs, wallMs, outcome, detail }` after each case, so the driver can stop a
 * lane stuck on one. `cpuMs` is the process's CPU time (user + system, process.cpuUsage deltas)
 * spent on the case: a lane is its own process, so the figure is the case's own work whatever
 * else the machine runs (wall time grows with the machine's load, CPU time much less). A case over
 * `slowMs` of CPU is run once more and `retryCpuMs` is the second run's CPU time. Outcomes: `ok`, `refused` (a GuideError: an input problem with its rule
 * id), `internal` (anything else thrown, or a CLI exit code other than 0 and 1), `schema`
 * (a graph the schema rejects), `output` (a generated file name leaving its folder).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { makeCase, seedGuides } from './cases.mjs';

const { root, seed, from, to, cliEvery, slowMs } = JSON.parse(process.argv[2]);
const send = (m) => new Promise((resolve) => process.send(m, resolve));
const { parseGuide, GuideError, generate, TARGETS } = await import(join(root, 'dist/src/index.js'));
const { main } = await import(join(root, 'dist/src/cli/index.js'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(root, 'schema/step-graph.schema.json'), 'utf8')));
const guides = seedGuides(root);
const scratch = mkdtempSync(join(tmpdir(), 'tejun-fuzz-'));
const sink = { write: () => true };

/** One case: its outcome and a one-line detail. */
async function runCase(i) {
  const c = makeCase(guides, seed, i);
  let graph;
  try {
    graph = await parseGuide(c.name, { bytes: c.bytes });
  } catch (error) {
    if (error instanceof GuideError) return { outcome: 'refused', detail: error.ruleId, kind: c.kind };
    return { outcome: 'internal', detail: `parse: ${error?.stack ?? error}`.slice(0, 600), kind: c.kind };
  }
  if (!validate(graph)) return { outcome: 'schema', detail: JSON.stringify(validate.errors.slice(0, 3)), kind: c.kind };
  for (const target of TARGETS) {
    let result;
    try {
      result = generate(target, graph, { vars: {}, allowUnbound: true });
    } catch (error) {
      return { outcome: 'internal', detail: `${target}: ${error?.stack ?? error}`.slice(0, 600), kind: c.kind };
    }
    const bad = result.files.find((f) => f.path.split('/').some((p) => p === '..' || p === '' || /[\n\r{}$`]/.test(p)));
    if (bad) return { outcome: 'output', detail: `${target} file name ${JSON.stringify(bad.path)}`, kind: c.kind };
  }
  if (cliEvery > 0 && i % cliEvery === 0) {
    const dir = join(scratch, String(i));
    const file = join(scratch, `case-${i}${c.name.includes('.') ? c.name.slice(c.name.lastIndexOf('.')).replace(/[^.\w]/g, '') : ''}`);
    writeFileSync(file, c.bytes);
    const code = await main(['node', 'tejun', 'compile', file, '--target', 'all', '--allow-unbound', '--jobs', '1', '-o', dir], { stdout: sink, stderr: sink });
    rmSync(dir, { recursive: true, force: true });
    rmSync(file, { force: true });
    if (code !== 0 && code !== 1) return { outcome: 'internal', detail: `cli exit ${code}`, kind: c.kind };
  }
  return { outcome: 'ok', detail: '', kind: c.kind };
}

try {
  for (let i = from; i < to; i++) {
    await send({ type: 'start', i });
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const r = await runCase(i);
    const d = process.cpuUsage(cpu);
    const cpuMs = (d.user + d.system) / 1000;
    let retryCpuMs;
    if (cpuMs > slowMs) {
      const again = process.cpuUsage();
      await runCase(i);
      const d2 = process.cpuUsage(again);
      retryCpuMs = (d2.user + d2.system) / 1000;
    }
    await send({ type: 'done', i, cpuMs, retryCpuMs, wallMs: performance.now() - wall, ...r });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
await send({ type: 'end' });
process.disconnect();
