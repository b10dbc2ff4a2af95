import type { ErrorId } from '../../errors/catalogue.js';

// Polite form (합니다체, requests as 〜해 주세요); parameter names and media types stay as the client
// must send them.
export const ko: Record<ErrorId, string> = {
  PortalSTS0001:
    '요청에 제공된 클라이언트 ID는 이 포털에 등록된 유효한 클라이언트 ID가 아닙니다. 매개 변수를 확인한 후 다시 시도해 주세요.',
  PortalSTS0002:
    'client_id 매개 변수가 잘못되었습니다. 문자, 숫자, 하이픈만 사용하여 36자 이내로 지정해 주세요.',
  PortalSTS0003: 'state 매개 변수가 잘못되었습니다. 인쇄 가능한 ASCII 문자 20자 이내로 지정해 주세요.',
  PortalSTS0004: 'nonce 매개 변수가 잘못되었습니다. 인쇄 가능한 ASCII 문자 20자 이내로 지정해 주세요.',
  PortalSTS0005: '매개 변수가 두 번 이상 전송되었습니다. 각 매개 변수를 한 번만 보낸 후 다시 시도해 주세요.',
  PortalSTS0006: '요청 본문은 application/x-www-form-urlencoded 형식으로 보내야 합니다.',
  PortalSTS0007: "요청에 제공된 응답 유형은 지원되지 않습니다. 'token'만 지원됩니다.",
  PortalSTS0008: '이 포털에서는 OAuth 2.0 암시적 권한 부여 흐름을 사용하지 않도록 설정되어 있습니다.',
  PortalSTS0009: '요청한 사이트를 찾을 수 없습니다.',
  PortalSTS0010: '토큰 서비스에서 사이트 설정을 읽을 수 없습니다. 나중에 다시 시도해 주세요.',
  PortalSTS0011: '토큰 서비스에서 인증서 저장소에 연결할 수 없습니다. 나중에 다시 시도해 주세요.',
  PortalSTS0012: '토큰 서비스가 올바르게 구성되지 않았습니다. 사이트 관리자에게 문의해 주세요.',
  PortalSTS0013: '사이트의 서명 인증서 지문 설정이 잘못되었습니다. 사이트 관리자에게 문의해 주세요.',
  PortalSTS0014: '사이트의 서명 인증서를 토큰 서명에 사용할 수 없습니다. 사이트 관리자에게 문의해 주세요.',
  PortalSTS0015: '이 주소에서는 이 HTTP 메서드를 사용할 수 없습니다.',
  PortalSTS0016: '요청이 너무 큽니다.',
  PortalSTS0017: '요청 형식이 잘못되었습니다.',
  PortalSTS0018: '이 포털에 구성된 인증서를 찾을 수 없습니다. 사이트 관리자에게 문의해 주세요.',
  PortalSTS0019: '예기치 않은 오류가 발생했습니다. 나중에 다시 시도해 주세요.',
  PortalSTS0020:
    'redirect_uri 매개 변수가 없거나 이 클라이언트에 등록되어 있지 않습니다. 요청이 애플리케이션으로 다시 전송되지 않았습니다.',
  PortalSTS0021: 'client_id 매개 변수가 없습니다. 애플리케이션이 자신을 식별해야 합니다.',
  PortalSTS0022:
    '이 주소는 애플리케이션 자체의 요청에만 토큰을 반환하며, 스크립트, 스타일시트, 이미지 또는 기타 포함된 리소스에는 반환하지 않습니다.',
  PortalSTS0023:
    'post_logout_redirect_uri 매개 변수가 이 클라이언트에 등록되어 있지 않습니다. 애플리케이션으로 돌아가지 않았습니다.',
  PortalSTS0024:
    'id_token_hint 매개 변수가 이 사이트에서 이 클라이언트에 발급한 ID 토큰이 아닙니다. 로그아웃 요청이 수행되지 않았습니다.',
};
