export type Lang = 'vi' | 'en';

/** The language chosen on this browser before (Vietnamese unless English was chosen). */
export const initialLang = (): Lang => (localStorage.getItem('rl.lang') === 'en' ? 'en' : 'vi');
