import type { ErrorId } from '../../errors/catalogue.js';

// Simplified Chinese, polite register (请…); parameter names and media types stay as the client must
// send them. Served for zh, zh-CN, zh-SG and zh-Hans only, never for Traditional Chinese.
export const zhHans: Record<ErrorId, string> = {
  PortalSTS0001: '请求中提供的客户端 ID 不是为此门户注册的有效客户端 ID。请检查该参数，然后重试。',
  PortalSTS0002: 'client_id 参数无效。它最多只能包含 36 个字符，且只能由字母、数字和连字符组成。',
  PortalSTS0003: 'state 参数无效。它最多只能包含 20 个可打印的 ASCII 字符。',
  PortalSTS0004: 'nonce 参数无效。它最多只能包含 20 个可打印的 ASCII 字符。',
  PortalSTS0005: '某个参数被发送了多次。请每个参数只发送一次，然后重试。',
  PortalSTS0006: '请求正文必须以 application/x-www-form-urlencoded 格式发送。',
  PortalSTS0007: "不支持请求中提供的响应类型。仅支持 'token'。",
  PortalSTS0008: '此门户已关闭 OAuth 2.0 隐式授权流。',
  PortalSTS0009: '找不到请求的站点。',
  PortalSTS0010: '令牌服务无法读取站点设置。请稍后重试。',
  PortalSTS0011: '令牌服务无法连接到其证书存储。请稍后重试。',
  PortalSTS0012: '令牌服务配置不正确。请联系站点管理员。',
  PortalSTS0013: '站点的签名证书指纹设置无效。请联系站点管理员。',
  PortalSTS0014: '站点的签名证书无法用于对令牌进行签名。请联系站点管理员。',
  PortalSTS0015: '此地址不允许使用此 HTTP 方法。',
  PortalSTS0016: '请求过大。',
  PortalSTS0017: '请求格式不正确。',
  PortalSTS0018: '找不到为此门户配置的证书。请联系站点管理员。',
  PortalSTS0019: '发生意外错误。请稍后重试。',
  PortalSTS0020: 'redirect_uri 参数缺失或未为此客户端注册。请求未发送回应用程序。',
  PortalSTS0021: '缺少 client_id 参数。应用程序必须标识自身。',
  PortalSTS0022: '此地址仅向应用程序自身的请求返回令牌，不向脚本、样式表、图像或其他嵌入资源返回。',
  PortalSTS0023: 'post_logout_redirect_uri 参数未为此客户端注册。未将你发送回应用程序。',
  PortalSTS0024: 'id_token_hint 参数不是此站点向此客户端颁发的 ID 令牌。未执行注销请求。',
};
