import type { ErrorId } from '../../errors/catalogue.js';

// Formal register ("Sie"); parameter names and media types stay as the client must send them.
export const de: Record<ErrorId, string> = {
  PortalSTS0001:
    'Die in der Anforderung angegebene Client-ID ist keine gültige, für dieses Portal registrierte Client-ID. Bitte überprüfen Sie den Parameter und versuchen Sie es erneut.',
  PortalSTS0002:
    'Der Parameter client_id ist ungültig. Er darf höchstens 36 Zeichen lang sein und nur Buchstaben, Ziffern und Bindestriche enthalten.',
  PortalSTS0003: 'Der Parameter state ist ungültig. Er darf höchstens 20 druckbare ASCII-Zeichen enthalten.',
  PortalSTS0004: 'Der Parameter nonce ist ungültig. Er darf höchstens 20 druckbare ASCII-Zeichen enthalten.',
  PortalSTS0005:
    'Ein Parameter wurde mehrfach gesendet. Bitte senden Sie jeden Parameter nur einmal und versuchen Sie es erneut.',
  PortalSTS0006: 'Der Anforderungstext muss als application/x-www-form-urlencoded gesendet werden.',
  PortalSTS0007:
    "Der in der Anforderung angegebene Antworttyp wird nicht unterstützt. Es wird nur 'token' unterstützt.",
  PortalSTS0008: 'Der implizite Gewährungsflow von OAuth 2.0 ist für dieses Portal deaktiviert.',
  PortalSTS0009: 'Die angeforderte Website wurde nicht gefunden.',
  PortalSTS0010:
    'Der Tokendienst konnte die Einstellungen der Website nicht lesen. Bitte versuchen Sie es später erneut.',
  PortalSTS0011:
    'Der Tokendienst konnte seinen Zertifikatspeicher nicht erreichen. Bitte versuchen Sie es später erneut.',
  PortalSTS0012:
    'Der Tokendienst ist nicht richtig konfiguriert. Bitte wenden Sie sich an den Websiteadministrator.',
  PortalSTS0013:
    'Die Einstellung für den Fingerabdruck des Signaturzertifikats der Website ist ungültig. Bitte wenden Sie sich an den Websiteadministrator.',
  PortalSTS0014:
    'Das Signaturzertifikat der Website kann nicht zum Signieren von Token verwendet werden. Bitte wenden Sie sich an den Websiteadministrator.',
  PortalSTS0015: 'Diese HTTP-Methode ist für diese Adresse nicht zulässig.',
  PortalSTS0016: 'Die Anforderung ist zu groß.',
  PortalSTS0017: 'Die Anforderung ist fehlerhaft.',
  PortalSTS0018:
    'Das für dieses Portal konfigurierte Zertifikat wurde nicht gefunden. Bitte wenden Sie sich an den Websiteadministrator.',
  PortalSTS0019: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
  PortalSTS0020:
    'Der Parameter redirect_uri fehlt oder ist für diesen Client nicht registriert. Die Anforderung wurde nicht an die Anwendung zurückgesendet.',
  PortalSTS0021: 'Der Parameter client_id fehlt. Die Anwendung muss sich identifizieren.',
  PortalSTS0022:
    'Diese Adresse gibt ein Token nur an Anfragen der Anwendung selbst aus, nicht an ein Skript, Stylesheet, Bild oder eine andere eingebettete Ressource.',
  PortalSTS0023:
    'Der Parameter post_logout_redirect_uri ist für diesen Client nicht registriert. Sie wurden nicht an die Anwendung zurückgesendet.',
  PortalSTS0024:
    'Der Parameter id_token_hint ist kein ID-Token, das diese Website für diesen Client ausgestellt hat. Die Abmeldeanforderung wurde nicht ausgeführt.',
};
