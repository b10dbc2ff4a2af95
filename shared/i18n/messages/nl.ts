import type { ErrorId } from '../../errors/catalogue.js';

// Polite register (imperatives addressed to "u"); parameter names and media types stay as sent.
export const nl: Record<ErrorId, string> = {
  PortalSTS0001:
    'De client-id in de aanvraag is geen geldige client-id die voor deze portal is geregistreerd. Controleer de parameter en probeer het opnieuw.',
  PortalSTS0002:
    'De parameter client_id is ongeldig. Deze mag maximaal 36 tekens lang zijn en alleen letters, cijfers en koppeltekens bevatten.',
  PortalSTS0003: 'De parameter state is ongeldig. Deze mag uit maximaal 20 afdrukbare ASCII-tekens bestaan.',
  PortalSTS0004: 'De parameter nonce is ongeldig. Deze mag uit maximaal 20 afdrukbare ASCII-tekens bestaan.',
  PortalSTS0005:
    'Een parameter is meer dan één keer verzonden. Verzend elke parameter één keer en probeer het opnieuw.',
  PortalSTS0006: 'De hoofdtekst van de aanvraag moet worden verzonden als application/x-www-form-urlencoded.',
  PortalSTS0007: "Het antwoordtype in de aanvraag wordt niet ondersteund. Alleen 'token' wordt ondersteund.",
  PortalSTS0008: 'De impliciete toekenningsstroom van OAuth 2.0 is uitgeschakeld voor deze portal.',
  PortalSTS0009: 'De aangevraagde site is niet gevonden.',
  PortalSTS0010: 'De tokenservice kon de instellingen van de site niet lezen. Probeer het later opnieuw.',
  PortalSTS0011: 'De tokenservice kon het certificaatarchief niet bereiken. Probeer het later opnieuw.',
  PortalSTS0012: 'De tokenservice is niet correct geconfigureerd. Neem contact op met de sitebeheerder.',
  PortalSTS0013:
    'De instelling voor de vingerafdruk van het handtekeningcertificaat van de site is ongeldig. Neem contact op met de sitebeheerder.',
  PortalSTS0014:
    'Het handtekeningcertificaat van de site kan niet worden gebruikt om tokens te ondertekenen. Neem contact op met de sitebeheerder.',
  PortalSTS0015: 'Deze HTTP-methode is niet toegestaan op dit adres.',
  PortalSTS0016: 'De aanvraag is te groot.',
  PortalSTS0017: 'De aanvraag is onjuist opgemaakt.',
  PortalSTS0018:
    'Het certificaat dat voor deze portal is geconfigureerd, is niet gevonden. Neem contact op met de sitebeheerder.',
  PortalSTS0019: 'Er is een onverwachte fout opgetreden. Probeer het later opnieuw.',
  PortalSTS0020:
    'De parameter redirect_uri ontbreekt of is niet geregistreerd voor deze client. De aanvraag is niet teruggestuurd naar de toepassing.',
  PortalSTS0021: 'De parameter client_id ontbreekt. De toepassing moet zich identificeren.',
  PortalSTS0022:
    'Dit adres geeft alleen een token aan verzoeken van de toepassing zelf, niet aan een script, stijlblad, afbeelding of andere ingesloten bron.',
  PortalSTS0023:
    'De parameter post_logout_redirect_uri is niet geregistreerd voor deze client. U bent niet teruggestuurd naar de toepassing.',
  PortalSTS0024:
    'De parameter id_token_hint is geen id-token dat deze site aan deze client heeft uitgegeven. De afmeldaanvraag is niet uitgevoerd.',
};
