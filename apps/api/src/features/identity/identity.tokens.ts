/** Injection tokens for values resolved at boot. */
export const JWT_SECRET = Symbol('JWT_SECRET');
export const DATA_KEY = Symbol('DATA_KEY');
