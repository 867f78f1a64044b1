/**
 * A small redhat-text guide shared by the CLI and site-file tests: one procedure whose mysql
 * session creates the database user nova with one secret placeholder (PASSWORD, defined in the
 * guide's own words), as lines without line ends.
 */
export const MYSQL_PASSWORD_GUIDE_LINES: readonly string[] = [
  '8.4. コンピュートノードのインストール',
  '',
  '手順8.5 Compute Service データベースの作成',
  '',
  '  1. mysql コマンドでデータベースに接続します。',
  '    # mysql -u root -p',
  '  2. nova データベースユーザーを作成します。',
  "    mysql> GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'PASSWORD';",
  '    PASSWORD は、このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワードに置き換えます。',
  '    mysql> quit',
];
