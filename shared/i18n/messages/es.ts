import type { ErrorId } from '../../errors/catalogue.js';

// Formal register ("usted"), neutral Spanish; parameter names and media types stay as sent.
export const es: Record<ErrorId, string> = {
  PortalSTS0001:
    'El identificador de cliente proporcionado en la solicitud no es un identificador de cliente válido registrado para este portal. Compruebe el parámetro e inténtelo de nuevo.',
  PortalSTS0002:
    'El parámetro client_id no es válido. Debe tener como máximo 36 caracteres y contener solo letras, dígitos y guiones.',
  PortalSTS0003: 'El parámetro state no es válido. Debe tener como máximo 20 caracteres ASCII imprimibles.',
  PortalSTS0004: 'El parámetro nonce no es válido. Debe tener como máximo 20 caracteres ASCII imprimibles.',
  PortalSTS0005:
    'Se ha enviado un parámetro más de una vez. Envíe cada parámetro una sola vez e inténtelo de nuevo.',
  PortalSTS0006: 'El cuerpo de la solicitud debe enviarse como application/x-www-form-urlencoded.',
  PortalSTS0007:
    "El tipo de respuesta proporcionado en la solicitud no es compatible. Solo se admite 'token'.",
  PortalSTS0008: 'El flujo de concesión implícita de OAuth 2.0 está desactivado para este portal.',
  PortalSTS0009: 'No se encontró el sitio solicitado.',
  PortalSTS0010:
    'El servicio de tokens no pudo leer la configuración del sitio. Inténtelo de nuevo más tarde.',
  PortalSTS0011:
    'El servicio de tokens no pudo acceder a su almacén de certificados. Inténtelo de nuevo más tarde.',
  PortalSTS0012:
    'El servicio de tokens no está configurado correctamente. Póngase en contacto con el administrador del sitio.',
  PortalSTS0013:
    'La configuración de la huella digital del certificado de firma del sitio no es válida. Póngase en contacto con el administrador del sitio.',
  PortalSTS0014:
    'El certificado de firma del sitio no se puede usar para firmar tokens. Póngase en contacto con el administrador del sitio.',
  PortalSTS0015: 'Este método HTTP no está permitido en esta dirección.',
  PortalSTS0016: 'La solicitud es demasiado grande.',
  PortalSTS0017: 'La solicitud tiene un formato incorrecto.',
  PortalSTS0018:
    'No se encontró el certificado configurado para este portal. Póngase en contacto con el administrador del sitio.',
  PortalSTS0019: 'Se produjo un error inesperado. Inténtelo de nuevo más tarde.',
  PortalSTS0020:
    'Falta el parámetro redirect_uri o no está registrado para este cliente. La solicitud no se devolvió a la aplicación.',
  PortalSTS0021: 'Falta el parámetro client_id. La aplicación debe identificarse.',
  PortalSTS0022:
    'Esta dirección solo devuelve un token a las solicitudes de la propia aplicación, no a un script, una hoja de estilos, una imagen u otro recurso incrustado.',
  PortalSTS0023:
    'El parámetro post_logout_redirect_uri no está registrado para este cliente. No se le ha devuelto a la aplicación.',
  PortalSTS0024:
    'El parámetro id_token_hint no es un token de id. que este sitio haya emitido para este cliente. La solicitud de cierre de sesión no se ha realizado.',
};
