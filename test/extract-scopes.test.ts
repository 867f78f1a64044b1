/**
 * Extraction habits first met in a DocBook guide, as data-driven rules: psql prompts and sessions
 * (grammars/base.yaml), settings files without sections (`settingsFiles`), the file an instruction
 * names sentence by sentence, sections made conditional by a sentence and blocks offered as
 * alternatives (grammars/lexicon.yaml `scopes`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alternativeMarker, alternativeWhen, withAlternative } from '../src/extract/alternative-block.js';
import { logicalLines } from '../src/extract/code-lines.js';
import { endsFileContext, instructionFiles } from '../src/extract/instruction-files.js';
import { isSectionSkip, sectionWhen } from '../src/extract/section-condition.js';
import { settingsFileToIni } from '../src/extract/settings-files.js';
import { loadGrammar } from '../src/grammar/load-grammar.js';
import type { FileAction } from '../src/ir/types.js';
import { loadLexicon } from '../src/nlp/lexicon.js';

const EDIT = /追記|追加|編集|変更|設定|以下の|add|edit/i;

test('psql prompts are SQL, with or without a database name; shell prompts are not', () => {
  const g = loadGrammar('generic');
  const lines = ['$ psql mydb', 'mydb=# CREATE TABLE t (a int);', '=> SELECT 1;', 'postgres=# \\q', '# not=#sql'].map((text, i) => ({ text, line: i + 1 }));
  const kinds = logicalLines(lines, g, false).map((l) => [l.kind, 'run' in l ? l.run : '']);
  assert.deepEqual(kinds, [
    ['command', 'psql mydb'],
    ['sql', 'CREATE TABLE t (a int);'],
    ['sql', 'SELECT 1;'],
    ['sql', '\\q'],
    ['command', 'not=#sql'],
  ]);
});

test('psql opens a session unless it runs a script or one command', () => {
  const opens = (run: string) => loadGrammar('generic').sessions.some((s) => s.opens.test(run));
  assert.equal(opens('psql postgres'), true);
  assert.equal(opens('psql -U postgres -h db1 mydb'), true);
  assert.equal(opens('sudo -u postgres psql'), true);
  assert.equal(opens('psql -f setup.sql template1'), false);
  assert.equal(opens('psql -c "SELECT 1" postgres'), false);
  assert.equal(opens('psql --file=setup.sql'), false);
});

/** A file action for `file` with `content` at line 10. */
function fileAction(file: string, content: string): FileAction {
  return { id: 'a-1', kind: 'file', file, content, source: { line: 10 } };
}

test('a key = value line for a settings file without sections is an INI action in section ""', () => {
  const files = loadGrammar('generic').settingsFiles;
  const drafts = settingsFileToIni(fileAction('postgresql.conf', "# comment\nshared_buffers = 128MB\nx.y = 'a b'"), files);
  assert.deepEqual(drafts?.map((d) => [d.file, d.section, d.key, d.value, d.source.line]), [
    ['postgresql.conf', '', 'shared_buffers', '128MB', 11],
    ['postgresql.conf', '', 'x.y', "'a b'", 12],
  ]);
  assert.equal(settingsFileToIni(fileAction('/var/lib/pgsql/data/postgresql.conf', 'a = 1'), files)?.[0]?.file, '/var/lib/pgsql/data/postgresql.conf');
  // Other files, lines that are not settings, and INI sections are left as file content.
  assert.equal(settingsFileToIni(fileAction('/etc/sysctl.conf', 'net.ipv4.ip_forward = 1'), files), null);
  assert.equal(settingsFileToIni(fileAction('postgresql.conf', 'host all all 0.0.0.0/0 md5'), files), null);
  assert.equal(settingsFileToIni(fileAction('postgresql.conf', '[x]\na = 1'), files), null);
  assert.equal(settingsFileToIni(fileAction('mypostgresql.conf.bak', 'a = 1'), files), null);
});

test('the files an instruction names are those of its sentences that say to edit', () => {
  const text = 'pg_ctl のパスが /opt/pg/bin/pg_ctl であるとします。その場合、postgresql.conf に以下を追加してください。';
  assert.deepEqual(instructionFiles(text, ['/opt/pg/bin/pg_ctl', 'postgresql.conf'], EDIT), ['postgresql.conf']);
  // One sentence naming both, or no sentence saying to edit: every path.
  assert.deepEqual(instructionFiles('/etc/a.conf と /etc/b.conf を編集します。', ['/etc/a.conf', '/etc/b.conf'], EDIT), ['/etc/a.conf', '/etc/b.conf']);
  assert.deepEqual(instructionFiles('/etc/a.conf があります。/etc/b.conf もあります。', ['/etc/a.conf', '/etc/b.conf'], EDIT), ['/etc/a.conf', '/etc/b.conf']);
});

test('a top-level paragraph without an edit word ends the file context; items and edit instructions do not', () => {
  assert.equal(endsFileContext('ソースファイルのコンパイルを行います。', 0, false, EDIT), true);
  assert.equal(endsFileContext('以下の行を追加します。', 0, false, EDIT), false);
  assert.equal(endsFileContext('ソースファイルのコンパイルを行います。', 1, false, EDIT), false);
  assert.equal(endsFileContext('ソースファイルのコンパイルを行います。', 0, true, EDIT), false);
});

test('a sentence saying the section may be skipped (lexicon scopes.sectionSkip)', () => {
  const lexicon = loadLexicon();
  assert.ok(lexicon.sectionSkip.length > 0);
  assert.equal(isSectionSkip('9.4 以降を使用している場合には、本節は飛ばすことができます。', lexicon), true);
  assert.equal(isSectionSkip('If you use 9.4 or later, you can skip this section.', lexicon), true);
  assert.equal(isSectionSkip('この手順は省略しないでください。', lexicon), false);
  assert.equal(sectionWhen('A の場合には、本節は飛ばすことができます。', 'B を使う場合'), 'B を使う場合（A の場合には、本節は飛ばすことができます）');
  assert.equal(sectionWhen('A の場合には、本節は飛ばすことができます。', null), 'A の場合には、本節は飛ばすことができます');
});

test('a paragraph holding only an alternative marker makes the next block an alternative', () => {
  const lexicon = loadLexicon();
  for (const marker of lexicon.file.alternatives.filter((m) => m.length > 1)) assert.equal(alternativeMarker(` ${marker}、`, lexicon), marker);
  assert.equal(alternativeMarker('または以下を実行します。', lexicon), null);
  assert.equal(alternativeMarker('か', lexicon), null);
  const when = alternativeWhen('または', 'CREATE EXTENSION x;', lexicon);
  assert.ok(when?.includes('CREATE EXTENSION x') && !when.includes('x;'), when ?? 'null');
  assert.equal(withAlternative('A の場合', 'B'), 'A の場合; B');
  assert.equal(withAlternative(null, 'B'), 'B');
  assert.equal(withAlternative('A', null), 'A');
});
