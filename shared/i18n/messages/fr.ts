import type { ErrorId } from '../../errors/catalogue.js';

// Formal register ("vous"); parameter names and media types stay as the client must send them.
export const fr: Record<ErrorId, string> = {
  PortalSTS0001:
    'L’ID client fourni dans la demande n’est pas un ID client valide enregistré pour ce portail. Veuillez vérifier le paramètre et réessayer.',
  PortalSTS0002:
    'Le paramètre client_id n’est pas valide. Il doit comporter au maximum 36 caractères, uniquement des lettres, des chiffres et des traits d’union.',
  PortalSTS0003:
    'Le paramètre state n’est pas valide. Il doit comporter au plus 20 caractères ASCII imprimables.',
  PortalSTS0004:
    'Le paramètre nonce n’est pas valide. Il doit comporter au plus 20 caractères ASCII imprimables.',
  PortalSTS0005:
    'Un paramètre a été envoyé plusieurs fois. Veuillez envoyer chaque paramètre une seule fois, puis réessayer.',
  PortalSTS0006: 'Le corps de la demande doit être envoyé au format application/x-www-form-urlencoded.',
  PortalSTS0007:
    "Le type de réponse fourni dans la demande n’est pas pris en charge. Seul 'token' est pris en charge.",
  PortalSTS0008: 'Le flux d’octroi implicite OAuth 2.0 est désactivé pour ce portail.',
  PortalSTS0009: 'Le site demandé est introuvable.',
  PortalSTS0010: 'Le service de jetons n’a pas pu lire les paramètres du site. Veuillez réessayer plus tard.',
  PortalSTS0011:
    'Le service de jetons n’a pas pu joindre son magasin de certificats. Veuillez réessayer plus tard.',
  PortalSTS0012:
    'Le service de jetons n’est pas configuré correctement. Veuillez contacter l’administrateur du site.',
  PortalSTS0013:
    'Le paramètre d’empreinte numérique du certificat de signature du site n’est pas valide. Veuillez contacter l’administrateur du site.',
  PortalSTS0014:
    'Le certificat de signature du site ne peut pas être utilisé pour signer des jetons. Veuillez contacter l’administrateur du site.',
  PortalSTS0015: 'Cette méthode HTTP n’est pas autorisée pour cette adresse.',
  PortalSTS0016: 'La demande est trop volumineuse.',
  PortalSTS0017: 'La demande est mal formée.',
  PortalSTS0018:
    'Le certificat configuré pour ce portail est introuvable. Veuillez contacter l’administrateur du site.',
  PortalSTS0019: 'Une erreur inattendue s’est produite. Veuillez réessayer plus tard.',
  PortalSTS0020:
    'Le paramètre redirect_uri est absent ou n’est pas inscrit pour ce client. La demande n’a pas été renvoyée à l’application.',
  PortalSTS0021: 'Le paramètre client_id est absent. L’application doit s’identifier.',
  PortalSTS0022:
    'Cette adresse ne renvoie un jeton qu’aux requêtes de l’application elle-même, pas à un script, une feuille de style, une image ou une autre ressource intégrée.',
  PortalSTS0023:
    'Le paramètre post_logout_redirect_uri n’est pas inscrit pour ce client. Vous n’avez pas été renvoyé vers l’application.',
  PortalSTS0024:
    'Le paramètre id_token_hint n’est pas un jeton d’ID émis par ce site pour ce client. La demande de déconnexion n’a pas été exécutée.',
};
