/**
 * The decisions of src/nlp that keep state between calls, held to written-out verdicts: the
 * sentence normaliser keeps recent results and skips text that is already normal, role aliases
 * are looked up by their first character, `conditionOf` widens its window one trigger piece at a
 * time, `optionalWord` (in `modalityOf`) tokenizes only through its word, and the patterns of
 * `placeholderDefinitions` and `isManualInstruction` are compiled once. Each table is asked
 * forwards and then backwards, so that a cache or a compiled pattern that carried something from
 * one call into the next (a stale entry, a global pattern's lastIndex) gives another verdict.
 * The wider sentence tables (one per decision, cases from the guides) are in test/nlp.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionOf, findRoleMentions, isManualInstruction, loadLexicon, modalityOf, placeholderDefinitions, roleOf } from '../src/nlp/japanese.js';
import { isWhiteSpace, normalizeSentence } from '../src/nlp/text.js';

type Case<T> = [string, T];

/** Asks `fn` about every case, forwards then backwards, and compares each answer with its verdict. */
async function bothWays<T>(cases: Array<Case<T>>, fn: (text: string) => T | Promise<T>): Promise<void> {
  for (const [text, expected] of [...cases, ...[...cases].reverse()]) assert.deepEqual(await fn(text), expected, text);
}

const NONE = { optional: false, forbidden: false, discouraged: false };

test('isWhiteSpace is /\\s/u on every UTF-16 code unit', () => {
  for (let code = 0; code < 0x10000; code++) assert.equal(isWhiteSpace(code), /\s/u.test(String.fromCharCode(code)), code.toString(16));
});

test('normalizeSentence: Markdown escapes undone, white space folded, brackets tightened, normal text unchanged', async () => {
  await bothWays<string>(
    [
      ['a\\_b', 'a_b'],
      ['NEUTRON\\_PASS を置き換えます。', 'NEUTRON_PASS を置き換えます。'],
      ['\\[24\\] 参照', '[24] 参照'],
      [' lead', 'lead'],
      ['trail ', 'trail'],
      ['a  b', 'a b'],
      ['a\tb', 'a b'],
      ['a\u3000b', 'a b'],
      ['a\u00a0b', 'a b'],
      ['( a )', '(a)'],
      ['（ a ）', '（a）'],
      ['(通常は\nnova\n)', '(通常は nova)'],
      ['', ''],
      [' ', ''],
      ['ＡΣ Ω', 'ＡΣ Ω'],
      ['mysql コマンドでデータベースに接続します。', 'mysql コマンドでデータベースに接続します。'],
    ],
    normalizeSentence,
  );
});

test('findRoleMentions: every alias left to right with its offsets, white space inside an alias ignored', async () => {
  const lexicon = loadLexicon();
  const mentions = (text: string) => findRoleMentions(text, lexicon).map((m) => [text.slice(m.start, m.end), m.alias.role]);
  await bothWays(
    [
      ['コントローラーノードとコンピュートノードで実行します。', [['コントローラーノード', 'controller'], ['コンピュートノード', 'compute']]],
      ['ネットワークノード、ストレージノード', [['ネットワークノード', 'network'], ['ストレージノード', 'storage']]],
      ['コンピュート ノード', [['コンピュート ノード', 'compute']]],
      ['データベースサーバーにログインします。', [['データベースサーバー', 'db']]],
      ['ΣΑ なにもなし', []],
      ['', []],
    ],
    mentions,
  );
});

test('roleOf: the place of the work, not a subject or a modifier', async () => {
  await bothWays<string | null>(
    [
      ['データベースサーバーに root ユーザーとしてログインして実行します。', 'db'],
      ['コンピュートノードがデータベースにアクセスします。', null],
      ['コントローラーノードの IP アドレスを設定', null],
      ['このサービスは、すべてのコンピュートノードでは実行しないことを推奨している点に注意してください。', null],
    ],
    roleOf,
  );
});

test('conditionOf: the condition clause wherever its marker stands in the sentence', async () => {
  await bothWays<string | null>(
    [
      // A possibility (場合があります) before the real condition: the window widens past it.
      ['エラーが発生する場合があります。Linux Bridge を使用する場合には、以下を追記します。', 'Linux Bridge を使用する場合'],
      // The marker far from the start, after many 、 that end clauses.
      ['この手順はとても長い説明文で始まり、いくつもの読点を含み、さまざまな内容を述べたあとで、KVM を使用する際には以下を設定します。', 'KVM を使用する際'],
      ['ハイパーバイザーとして QEMU を使う時のみ、以下を実行します。', 'ハイパーバイザーとして QEMU を使う時のみ'],
      ['(SSL を使用する場合) 以下を設定します。', 'SSL を使用する場合'],
      ['API のインスタンスをホストする各システムで API サービスを起動します。', 'API のインスタンスをホストする各システムで'],
      ['以下を実行します。', null],
    ],
    conditionOf,
  );
});

test('modalityOf: オプション as a mark of the step, not as a word for a setting or a flag', async () => {
  await bothWays(
    [
      ['(オプション) 冗長ロギングを有効化', { ...NONE, optional: true }],
      ['オプションのサービスの起動', { ...NONE, optional: true }],
      ['オプション: 監視を有効化', { ...NONE, optional: true }],
      ['/etc/nova/nova.conf ファイルには、次のような VNC オプションがあります。', NONE],
      ['--force オプションを指定して実行します。', NONE],
      ['この操作は行わないでください。', { ...NONE, forbidden: true }],
      ['実行しないことを推奨します。', { ...NONE, discouraged: true }],
    ],
    modalityOf,
  );
});

test('placeholderDefinitions: the same definitions whatever was asked before', async () => {
  await bothWays(
    [
      ['PASSWORD は、データベースのパスワードに置き換えます。', [{ name: 'PASSWORD', description: 'データベースのパスワード' }]],
      ['RABBIT_PASS を RabbitMQ のパスワードに置き換えます。', [{ name: 'RABBIT_PASS', description: 'RabbitMQ のパスワード' }]],
      ['ここで password はお使いのパスワードです。', [{ name: 'password', description: 'お使いのパスワード' }]],
      ['Replace NOVA_PASS with the password you chose.', [{ name: 'NOVA_PASS', description: 'the password you chose' }]],
      ['このコマンドを実行します。', []],
    ],
    placeholderDefinitions,
  );
});

test('isManualInstruction: the same verdicts whatever was asked before', async () => {
  await bothWays<boolean>(
    [
      ['テキストエディターで /etc/hosts ファイルを開きます。', true],
      ['ファイルを保存してエディターを終了します。', true],
      ['サーバーを再起動します。', true],
      ['Configure the management interface:', true],
      ['mysql コマンドでデータベースに接続します。', false],
      ['Edit the /etc/hosts file to contain the following:', false],
    ],
    isManualInstruction,
  );
});
