/** The signed-in user (401 when signed out). */
export const ME_URL = '/api/v1/auth/me';
