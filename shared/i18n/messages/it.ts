import type { ErrorId } from '../../errors/catalogue.js';

// Formal, impersonal register (infinitive instructions, as Italian software UIs use);
// parameter names and media types stay as the client must send them.
export const it: Record<ErrorId, string> = {
  PortalSTS0001:
    "L'ID client fornito nella richiesta non è un ID client valido registrato per questo portale. Verificare il parametro e riprovare.",
  PortalSTS0002:
    'Il parametro client_id non è valido. Deve contenere al massimo 36 caratteri, solo lettere, cifre e trattini.',
  PortalSTS0003: 'Il parametro state non è valido. Deve contenere al massimo 20 caratteri ASCII stampabili.',
  PortalSTS0004: 'Il parametro nonce non è valido. Deve contenere al massimo 20 caratteri ASCII stampabili.',
  PortalSTS0005:
    'Un parametro è stato inviato più di una volta. Inviare ogni parametro una sola volta e riprovare.',
  PortalSTS0006: 'Il corpo della richiesta deve essere inviato come application/x-www-form-urlencoded.',
  PortalSTS0007: "Il tipo di risposta fornito nella richiesta non è supportato. È supportato solo 'token'.",
  PortalSTS0008: 'Il flusso di concessione implicita OAuth 2.0 è disattivato per questo portale.',
  PortalSTS0009: 'Il sito richiesto non è stato trovato.',
  PortalSTS0010: 'Il servizio token non è riuscito a leggere le impostazioni del sito. Riprovare più tardi.',
  PortalSTS0011:
    'Il servizio token non è riuscito a raggiungere il proprio archivio certificati. Riprovare più tardi.',
  PortalSTS0012: "Il servizio token non è configurato correttamente. Contattare l'amministratore del sito.",
  PortalSTS0013:
    "L'impostazione dell'identificazione personale del certificato di firma del sito non è valida. Contattare l'amministratore del sito.",
  PortalSTS0014:
    "Il certificato di firma del sito non può essere usato per firmare i token. Contattare l'amministratore del sito.",
  PortalSTS0015: 'Questo metodo HTTP non è consentito su questo indirizzo.',
  PortalSTS0016: 'La richiesta è troppo grande.',
  PortalSTS0017: 'La richiesta non è formattata correttamente.',
  PortalSTS0018:
    "Il certificato configurato per questo portale non è stato trovato. Contattare l'amministratore del sito.",
  PortalSTS0019: 'Si è verificato un errore imprevisto. Riprovare più tardi.',
  PortalSTS0020:
    'Il parametro redirect_uri è mancante o non è registrato per questo client. La richiesta non è stata rinviata all’applicazione.',
  PortalSTS0021: 'Il parametro client_id è mancante. L’applicazione deve identificarsi.',
  PortalSTS0022:
    "Questo indirizzo restituisce un token solo alle richieste dell'applicazione stessa, non a uno script, un foglio di stile, un'immagine o un'altra risorsa incorporata.",
  PortalSTS0023:
    'Il parametro post_logout_redirect_uri non è registrato per questo client. Non è stato rinviato all’applicazione.',
  PortalSTS0024:
    'Il parametro id_token_hint non è un token ID emesso da questo sito per questo client. La richiesta di disconnessione non è stata eseguita.',
};
