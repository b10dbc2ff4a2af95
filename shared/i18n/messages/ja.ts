import type { ErrorId } from '../../errors/catalogue.js';

// Polite form (です・ます, 〜してください); parameter names and media types stay as the client must
// send them. Half-width spaces around Latin words follow common Japanese software style.
export const ja: Record<ErrorId, string> = {
  PortalSTS0001:
    '要求で指定されたクライアント ID は、このポータルに登録されている有効なクライアント ID ではありません。パラメーターを確認して、もう一度お試しください。',
  PortalSTS0002:
    'client_id パラメーターが無効です。英字、数字、ハイフンのみを使用して、36 文字以内で指定してください。',
  PortalSTS0003: 'state パラメーターが無効です。印刷可能な ASCII 文字 20 文字以内で指定してください。',
  PortalSTS0004: 'nonce パラメーターが無効です。印刷可能な ASCII 文字 20 文字以内で指定してください。',
  PortalSTS0005:
    '同じパラメーターが複数回送信されました。各パラメーターを 1 回だけ送信して、もう一度お試しください。',
  PortalSTS0006: '要求本文は application/x-www-form-urlencoded として送信する必要があります。',
  PortalSTS0007:
    "要求で指定された応答の種類はサポートされていません。サポートされているのは 'token' のみです。",
  PortalSTS0008: 'このポータルでは、OAuth 2.0 の暗黙的な許可フローが無効になっています。',
  PortalSTS0009: '要求されたサイトが見つかりませんでした。',
  PortalSTS0010:
    'トークン サービスがサイトの設定を読み取れませんでした。しばらくしてから、もう一度お試しください。',
  PortalSTS0011:
    'トークン サービスが証明書ストアに接続できませんでした。しばらくしてから、もう一度お試しください。',
  PortalSTS0012: 'トークン サービスが正しく構成されていません。サイト管理者にお問い合わせください。',
  PortalSTS0013: 'サイトの署名証明書の拇印の設定が無効です。サイト管理者にお問い合わせください。',
  PortalSTS0014: 'サイトの署名証明書は、トークンの署名に使用できません。サイト管理者にお問い合わせください。',
  PortalSTS0015: 'このアドレスでは、この HTTP メソッドは許可されていません。',
  PortalSTS0016: '要求が大きすぎます。',
  PortalSTS0017: '要求の形式が正しくありません。',
  PortalSTS0018:
    'このポータル用に構成された証明書が見つかりませんでした。サイト管理者にお問い合わせください。',
  PortalSTS0019: '予期しないエラーが発生しました。しばらくしてから、もう一度お試しください。',
  PortalSTS0020:
    'redirect_uri パラメーターがないか、このクライアントに登録されていません。要求はアプリケーションに返送されませんでした。',
  PortalSTS0021: 'client_id パラメーターがありません。アプリケーションは自身を識別する必要があります。',
  PortalSTS0022:
    'このアドレスは、アプリケーション自身の要求にのみトークンを返します。スクリプト、スタイル シート、画像、その他の埋め込みリソースには返しません。',
  PortalSTS0023:
    'post_logout_redirect_uri パラメーターはこのクライアントに登録されていません。アプリケーションには戻されませんでした。',
  PortalSTS0024:
    'id_token_hint パラメーターは、このサイトがこのクライアントに発行した ID トークンではありません。サインアウト要求は実行されませんでした。',
};
