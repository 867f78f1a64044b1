// tejun-test: own-process (asserts that this process has not loaded the tokenizer yet)
/**
 * The cheap prefilter path: sentences with no Japanese decision to make never load kuromoji.
 * This file runs in its own process (its first line marks it for scripts/run-tests.mjs), so the
 * tokenizer starts unloaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  asksReader,
  obtainRequest,
  conditionOf,
  expectationOf,
  isManualInstruction,
  isTokenizerLoaded,
  modalityOf,
  placeholderDefinitions,
  roleOf,
} from '../src/nlp/japanese.js';

test('sentences without a Japanese decision are answered without loading the tokenizer', async () => {
  assert.equal(isTokenizerLoaded(), false);
  // 000:21, 000:98: no placeholder verb, no role noun, no condition marker, no manual verb.
  assert.deepEqual(await placeholderDefinitions('Compute データベースが作成されました。'), []);
  assert.equal(await roleOf('Compute Service のパッケージがインストールされました。'), null);
  assert.equal(await conditionOf('nova データベースを作成します。'), null);
  assert.deepEqual(await modalityOf('データベースの特権をフラッシュして、設定が即時に反映されるようにします。'), {
    optional: false,
    forbidden: false,
    discouraged: false,
  });
  assert.equal(await expectationOf('nova データベースを作成します。'), null);
  assert.equal(await isManualInstruction('nova データベースを作成します。'), false);
  // Pattern-only decisions: forbidden markers, bracketed optional, English, table rows, A/B forms.
  assert.deepEqual(await modalityOf('(オプション) 冗長ロギングを有効化'), { optional: true, forbidden: false, discouraged: false });
  assert.equal((await modalityOf('このサービスは起動してはならない点に注意してください。')).forbidden, true);
  // A prohibition that is the step's reason forbids something else; the step is done.
  assert.equal((await modalityOf('複数のネットワークを有効にするには値を指定してはならないため、値を空白にします。')).forbidden, false);
  assert.equal((await modalityOf('設定を変更してはいけないので、確認のみ行います。')).forbidden, false);
  assert.equal((await modalityOf('この値は変更してはならない。')).forbidden, true);
  assert.equal((await modalityOf('このサービスは、すべてのコンピュートノードでは実行しないことを推奨している点に注意してください。')).discouraged, true);
  assert.equal(await roleOf('From the controller node, ping a site on the internet:'), 'controller');
  assert.equal(await conditionOf('If you choose to install on VMs, make sure your hypervisor permits it.'), 'If you choose to install on VMs');
  assert.deepEqual(await placeholderDefinitions('RABBIT_PASS\tPassword of user guest of RabbitMQ'), [
    { name: 'RABBIT_PASS', description: 'Password of user guest of RabbitMQ' },
  ]);
  assert.deepEqual(await placeholderDefinitions('IP は、Identity サーバーの IP アドレスまたはホスト名に置き換えます。'), [
    { name: 'IP', description: 'Identity サーバーの IP アドレスまたはホスト名' },
  ]);
  assert.equal(await expectationOf('# <1以上の数を返すこと>'), '1以上の数を返すこと');
  assert.equal(isTokenizerLoaded(), false);
  // A decision that needs tokens loads it.
  assert.equal(await roleOf('データベースサーバーに root ユーザーとしてログインして実行する必要があります。'), 'db');
  assert.equal(isTokenizerLoaded(), true);
});

test('asksReader / isManualInstruction: a request in the last sentence, request verbs only in a request', async () => {
  assert.equal(asksReader('ディスクの空き容量を確認してください。'), true);
  assert.equal(asksReader('ライブラリをインストールしてください。 詳細は付録を参照します。'), false, 'the request is not the last sentence');
  assert.equal(asksReader('パッケージが自動的にインストールします。'), false);
  assert.equal(await isManualInstruction('ライブラリをOSのパッケージとしてインストールしてください。'), true);
  assert.equal(await isManualInstruction('依存パッケージのインストール'), false, 'a request verb outside a request');
});

test('obtainRequest: a request to get a file before the sentence that introduces the listing', async () => {
  assert.equal(
    await obtainRequest('ソースはWebサイトから入手できます。 app.tar.gz という名前のファイルを入手してください。 入手したら展開します。'),
    'ソースはWebサイトから入手できます。 app.tar.gz という名前のファイルを入手してください。',
  );
  assert.equal(await obtainRequest('app.tar.gz という名前のファイルを入手してください。'), null, 'the last sentence: no listing introduced after it');
  assert.equal(await obtainRequest('ファイルを確認してください。 以下を実行します。'), null, 'not a verb of getting something');
});

test('isManualInstruction: a pointer to more reading is no step by hand', async () => {
  assert.equal(await isManualInstruction('詳細はリリースノートを確認してください。'), false);
  assert.equal(await isManualInstruction('十分なディスク領域があることを確認してください。'), true);
});
