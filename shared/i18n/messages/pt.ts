import type { ErrorId } from '../../errors/catalogue.js';

// Brazilian Portuguese, formal register: pt-BR and pt-PT both map to 'pt', and Brazilian usage is
// the one most readers share. Parameter names and media types stay as the client must send them.
export const pt: Record<ErrorId, string> = {
  PortalSTS0001:
    'O ID do cliente fornecido na solicitação não é um ID de cliente válido registrado para este portal. Verifique o parâmetro e tente novamente.',
  PortalSTS0002:
    'O parâmetro client_id não é válido. Ele deve ter no máximo 36 caracteres, apenas letras, dígitos e hifens.',
  PortalSTS0003: 'O parâmetro state não é válido. Ele deve ter no máximo 20 caracteres ASCII imprimíveis.',
  PortalSTS0004: 'O parâmetro nonce não é válido. Ele deve ter no máximo 20 caracteres ASCII imprimíveis.',
  PortalSTS0005:
    'Um parâmetro foi enviado mais de uma vez. Envie cada parâmetro apenas uma vez e tente novamente.',
  PortalSTS0006: 'O corpo da solicitação deve ser enviado como application/x-www-form-urlencoded.',
  PortalSTS0007: "O tipo de resposta fornecido na solicitação não é suportado. Somente 'token' é suportado.",
  PortalSTS0008: 'O fluxo de concessão implícita do OAuth 2.0 está desativado para este portal.',
  PortalSTS0009: 'O site solicitado não foi encontrado.',
  PortalSTS0010:
    'O serviço de tokens não conseguiu ler as configurações do site. Tente novamente mais tarde.',
  PortalSTS0011:
    'O serviço de tokens não conseguiu acessar seu repositório de certificados. Tente novamente mais tarde.',
  PortalSTS0012:
    'O serviço de tokens não está configurado corretamente. Entre em contato com o administrador do site.',
  PortalSTS0013:
    'A configuração da impressão digital do certificado de assinatura do site não é válida. Entre em contato com o administrador do site.',
  PortalSTS0014:
    'O certificado de assinatura do site não pode ser usado para assinar tokens. Entre em contato com o administrador do site.',
  PortalSTS0015: 'Este método HTTP não é permitido neste endereço.',
  PortalSTS0016: 'A solicitação é muito grande.',
  PortalSTS0017: 'A solicitação está mal formada.',
  PortalSTS0018:
    'O certificado configurado para este portal não foi encontrado. Entre em contato com o administrador do site.',
  PortalSTS0019: 'Ocorreu um erro inesperado. Tente novamente mais tarde.',
  PortalSTS0020:
    'O parâmetro redirect_uri está ausente ou não está registrado para este cliente. A solicitação não foi devolvida ao aplicativo.',
  PortalSTS0021: 'O parâmetro client_id está ausente. O aplicativo deve se identificar.',
  PortalSTS0022:
    'Este endereço só retorna um token para as solicitações do próprio aplicativo, não para um script, folha de estilo, imagem ou outro recurso incorporado.',
  PortalSTS0023:
    'O parâmetro post_logout_redirect_uri não está registrado para este cliente. Você não foi enviado de volta ao aplicativo.',
  PortalSTS0024:
    'O parâmetro id_token_hint não é um token de ID que este site emitiu para este cliente. A solicitação de saída não foi realizada.',
};
