import type { Language } from './languages.js';

/** The fixed text of the HTML pages the authorize endpoints render (error page, form_post). */
interface PageText {
  errorTitle: string;
  errorCode: string;
  correlationId: string;
  time: string;
  adminHint: string;
  formPostTitle: string;
  /** Shown only when scripts do not run, above the Continue button. */
  formPostNoScript: string;
  continue: string;
}

// A full Record over Language, so adding a language without its page text fails to compile.
const PAGE_TEXT: Readonly<Record<Language, PageText>> = {
  en: {
    errorTitle: 'The sign-in request could not be completed',
    errorCode: 'Error code',
    correlationId: 'Correlation ID',
    time: 'Time (UTC)',
    adminHint: 'If the problem persists, send these details to the site administrator.',
    formPostTitle: 'Returning to the application',
    formPostNoScript:
      'JavaScript is turned off in your browser. Select Continue to return to the application.',
    continue: 'Continue',
  },
  de: {
    errorTitle: 'Die Anmeldeanforderung konnte nicht abgeschlossen werden',
    errorCode: 'Fehlercode',
    correlationId: 'Korrelations-ID',
    time: 'Zeit (UTC)',
    adminHint: 'Wenn das Problem weiterhin besteht, senden Sie diese Angaben an den Websiteadministrator.',
    formPostTitle: 'Rückkehr zur Anwendung',
    formPostNoScript:
      'JavaScript ist in Ihrem Browser deaktiviert. Wählen Sie „Weiter“, um zur Anwendung zurückzukehren.',
    continue: 'Weiter',
  },
  fr: {
    errorTitle: "La demande de connexion n'a pas pu aboutir",
    errorCode: "Code d'erreur",
    correlationId: 'ID de corrélation',
    time: 'Heure (UTC)',
    adminHint: "Si le problème persiste, envoyez ces informations à l'administrateur du site.",
    formPostTitle: "Retour à l'application",
    formPostNoScript:
      "JavaScript est désactivé dans votre navigateur. Sélectionnez Continuer pour revenir à l'application.",
    continue: 'Continuer',
  },
  es: {
    errorTitle: 'No se pudo completar la solicitud de inicio de sesión',
    errorCode: 'Código de error',
    correlationId: 'Id. de correlación',
    time: 'Hora (UTC)',
    adminHint: 'Si el problema persiste, envíe estos datos al administrador del sitio.',
    formPostTitle: 'Volviendo a la aplicación',
    formPostNoScript:
      'JavaScript está desactivado en el explorador. Seleccione Continuar para volver a la aplicación.',
    continue: 'Continuar',
  },
  it: {
    errorTitle: 'Impossibile completare la richiesta di accesso',
    errorCode: 'Codice errore',
    correlationId: 'ID correlazione',
    time: 'Ora (UTC)',
    adminHint: "Se il problema persiste, invia questi dettagli all'amministratore del sito.",
    formPostTitle: "Ritorno all'applicazione",
    formPostNoScript:
      "JavaScript è disattivato nel browser. Seleziona Continua per tornare all'applicazione.",
    continue: 'Continua',
  },
  nl: {
    errorTitle: 'De aanmeldingsaanvraag kan niet worden voltooid',
    errorCode: 'Foutcode',
    correlationId: 'Correlatie-id',
    time: 'Tijd (UTC)',
    adminHint: 'Als het probleem zich blijft voordoen, stuurt u deze gegevens naar de sitebeheerder.',
    formPostTitle: 'Terug naar de toepassing',
    formPostNoScript:
      'JavaScript is uitgeschakeld in uw browser. Selecteer Doorgaan om terug te gaan naar de toepassing.',
    continue: 'Doorgaan',
  },
  pt: {
    errorTitle: 'Não foi possível concluir a solicitação de entrada',
    errorCode: 'Código de erro',
    correlationId: 'ID de correlação',
    time: 'Hora (UTC)',
    adminHint: 'Se o problema persistir, envie estes detalhes ao administrador do site.',
    formPostTitle: 'Retornando ao aplicativo',
    formPostNoScript:
      'O JavaScript está desativado no seu navegador. Selecione Continuar para retornar ao aplicativo.',
    continue: 'Continuar',
  },
  ja: {
    errorTitle: 'サインイン要求を完了できませんでした',
    errorCode: 'エラー コード',
    correlationId: '相関 ID',
    time: '時刻 (UTC)',
    adminHint: '問題が解決しない場合は、これらの詳細をサイト管理者に送信してください。',
    formPostTitle: 'アプリケーションに戻っています',
    formPostNoScript:
      'ブラウザーで JavaScript が無効になっています。[続行] を選択してアプリケーションに戻ってください。',
    continue: '続行',
  },
  ko: {
    errorTitle: '로그인 요청을 완료할 수 없습니다',
    errorCode: '오류 코드',
    correlationId: '상관 관계 ID',
    time: '시간(UTC)',
    adminHint: '문제가 계속되면 이 세부 정보를 사이트 관리자에게 보내세요.',
    formPostTitle: '애플리케이션으로 돌아가는 중',
    formPostNoScript:
      '브라우저에서 JavaScript가 꺼져 있습니다. 애플리케이션으로 돌아가려면 [계속]을 선택하세요.',
    continue: '계속',
  },
  'zh-Hans': {
    errorTitle: '无法完成登录请求',
    errorCode: '错误代码',
    correlationId: '关联 ID',
    time: '时间 (UTC)',
    adminHint: '如果问题仍然存在，请将这些详细信息发送给站点管理员。',
    formPostTitle: '正在返回应用程序',
    formPostNoScript: '浏览器中已关闭 JavaScript。请选择“继续”返回应用程序。',
    continue: '继续',
  },
};

/** The page text in a language; English for anything unknown, so rendering never fails. */
export function pageText(language: Language): PageText {
  return Object.hasOwn(PAGE_TEXT, language) ? PAGE_TEXT[language] : PAGE_TEXT.en;
}
