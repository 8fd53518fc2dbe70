/** The main-navigation entry of the reporting section (its label comes from this feature, not the app dictionary). */
export const reportingNav = { to: '/reporting', label: { vi: 'Báo cáo NQ 57', en: 'Res. 57 reporting' } };
