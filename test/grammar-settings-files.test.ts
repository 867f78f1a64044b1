/**
 * Settings files without sections are one list of grammar data, `settingsFiles`
 * (grammars/base.yaml): each entry is known by its name (`file`, read by
 * src/extract/settings-files.ts when the guide names the file), by the shape of its keys (`key`,
 * `namedBy`, `defaultFile`, read by src/extract/sectionless-files.ts when a bare block shows the
 * settings with no file name), or both; either way its keys are INI settings in `section`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sectionlessSettings } from '../src/extract/sectionless-files.js';
import { settingsFileToIni } from '../src/extract/settings-files.js';
import { GRAMMAR_DIR, GrammarError, listDialects, loadGrammar, readGrammarFile } from '../src/grammar/load-grammar.js';
import type { FileAction } from '../src/ir/types.js';
import type { CodeBlock } from '../src/parse/blocks.js';

/** A fenced code block of `texts`, its first line at guide line 10. */
function block(texts: string[]): CodeBlock {
  return { type: 'code', lines: texts.map((text, i) => ({ text, line: 10 + i })), line: 10, depth: 0, fenced: true };
}

/** A file action for `file` with `content` at line 10. */
function fileAction(file: string, content: string): FileAction {
  return { id: 'a-1', kind: 'file', file, content, source: { line: 10 } };
}

/** A grammar folder holding one dialect `d` with these `settingsFiles` (YAML flow text); removed by `use`. */
function withDialect<T>(settingsFiles: string, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-settings-files-'));
  try {
    writeFileSync(join(dir, 'd.yaml'), `name: d\ndescription: d\nformat: text\nsettingsFiles: ${settingsFiles}\n`);
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every grammar keeps its settings files in the one `settingsFiles` list, each known by its name or its keys', () => {
  for (const name of ['base', ...listDialects()]) {
    const raw = parseYaml(readFileSync(join(GRAMMAR_DIR, `${name}.yaml`), 'utf8')) as Record<string, unknown>;
    assert.ok(!('sectionlessFiles' in raw), `${name}.yaml: settings files known by their keys are \`settingsFiles\` entries with a \`key\``);
  }
  for (const dialect of listDialects()) {
    const files = loadGrammar(dialect).settingsFiles;
    assert.ok(files.length > 0, `${dialect} inherits the base settings files`);
    assert.equal(new Set(files.map((f) => f.name)).size, files.length, `${dialect}: names are unique`);
    for (const f of files) {
      assert.ok(f.file !== null || f.key !== null, `${f.name}: known by its name or by its keys`);
      if (f.key) assert.ok(f.defaultFile, `${f.name}: a file known by its keys has a default name`);
      for (const re of f.namedBy) assert.ok(/\((?!\?)/.test(re.source), `${f.name}: namedBy ${re} captures the file name in group 1`);
    }
  }
});

test('the base data: PostgreSQL’s settings files by name, a Packstack answer file by its CONFIG_ keys', () => {
  const files = loadGrammar('generic').settingsFiles;
  const byName = (path: string) => files.find((f) => f.file?.test(path))?.name ?? null;
  for (const path of ['postgresql.conf', '/var/lib/pgsql/data/postgresql.auto.conf', '/etc/pgpool-II/pgpool.conf', 'recovery.conf']) assert.equal(byName(path), 'postgresql', path);
  for (const path of ['mypostgresql.conf', 'postgresql.conf.bak', '/etc/my.cnf', 'packstack-answers.txt']) assert.equal(byName(path), null, path);
  const byKey = (key: string) => files.find((f) => f.key?.test(key))?.name ?? null;
  assert.equal(byKey('CONFIG_NOVA_INSTALL'), 'packstack-answer-file');
  for (const key of ['config_nova_install', 'CONFIG-X', 'NOVA_CONFIG_X', 'shared_buffers']) assert.equal(byKey(key), null, key);
  const answer = files.find((f) => f.name === 'packstack-answer-file')!;
  assert.equal(answer.section, 'general');
  assert.equal(answer.namedBy.map((re) => re.exec('packstack --answer-file=/root/a.txt')?.[1]).find(Boolean), '/root/a.txt');
  assert.equal(answer.namedBy.map((re) => re.exec('packstack --answer-file /root/b.txt')?.[1]).find(Boolean), '/root/b.txt');
});

test('the schema asks each settings file for a name pattern or a key pattern, and a default name with a key pattern', () => {
  const refused = (entry: string, reason: RegExp) =>
    withDialect(`[${entry}]`, (dir) => assert.throws(() => readGrammarFile('d', dir), (e: unknown) => e instanceof GrammarError && reason.test(e.message), entry));
  refused('{ name: x, section: s }', /invalid grammar/);
  refused("{ name: x, section: s, key: '^X_' }", /invalid grammar/);
  refused("{ name: x, section: s, file: 'x\\.env$', namedBy: ['--x=(\\S+)'] }", /invalid grammar/);
  refused("{ name: x, section: s, file: 'x\\.env$', defaultFile: x.env }", /invalid grammar/);
  withDialect("[{ name: x, section: s, file: 'x\\.env$' }, { name: y, section: '', key: '^Y_', defaultFile: y.env }]", (dir) => {
    assert.deepEqual(loadGrammar('d', dir).settingsFiles.map((f) => [f.name, f.file !== null, f.key !== null, f.defaultFile]), [
      ['x', true, false, null],
      ['y', false, true, 'y.env'],
    ]);
  });
});

test('one entry known both ways: its keys go to its section whether the guide names the file or only shows the keys', () => {
  withDialect("[{ name: demo, section: main, file: '(?:^|/)demo\\.env$', key: '^DEMO_[A-Z]+$', namedBy: ['--env-file=(\\S+)'], defaultFile: demo.env }]", (dir) => {
    const g = loadGrammar('d', dir);
    const named = settingsFileToIni(fileAction('/etc/demo.env', 'DEMO_A=1\n# note\nDEMO_B=two'), g.settingsFiles);
    assert.deepEqual(named?.map((d) => [d.file, d.section, d.key, d.value, d.source.line]), [
      ['/etc/demo.env', 'main', 'DEMO_A', '1', 10],
      ['/etc/demo.env', 'main', 'DEMO_B', 'two', 12],
    ]);
    const bare = block(['DEMO_A=1', '# note', 'DEMO_B=two']);
    assert.deepEqual(sectionlessSettings(bare, g, [bare], []), [
      { file: 'demo.env', section: 'main', key: 'DEMO_A', value: '1', line: 10 },
      { file: 'demo.env', section: 'main', key: 'DEMO_B', value: 'two', line: 12 },
    ]);
    const command = block(['demo start --env-file=/srv/site.env']);
    assert.equal(sectionlessSettings(bare, g, [command, bare], [])?.[0]?.file, '/srv/site.env');
    // A key of another shape, and the block is not such a file.
    assert.equal(sectionlessSettings(block(['DEMO_A=1', 'OTHER=2']), g, [bare], []), null);
  });
  // An entry known by name only is never guessed from keys.
  withDialect("[{ name: named, section: main, file: '(?:^|/)demo\\.env$' }]", (dir) => {
    const bare = block(['DEMO_A=1']);
    assert.equal(sectionlessSettings(bare, loadGrammar('d', dir), [bare], []), null);
  });
});
