import crypto from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Role } from '@regionlink/shared';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { actAs } from '../../lib/request-actor';
import { identityProviders, oidcLogins, organisations, userIdentities, users } from './access.schema';
import { type ClientInfo, type SessionUser, openSession, recordAudit } from './access.service';
import { NO_PASSWORD } from './accounts.service';

/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE S256, state and nonce) through the
 * maintained `openid-client` library. Each provider belongs to one organisation chosen by MoF: a provider account
 * is matched by its subject if linked before, else by its e-mail when the provider says it is verified and an active
 * account of that organisation has it, else a new account is provisioned in that organisation with the provider's
 * default role (never admin). The sign-in state is kept server-side, used once, and bound to the browser by a cookie.
 */

type Provider = typeof identityProviders.$inferSelect;
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const LOGIN_TTL_MS = 10 * 60_000;

const configs = new Map<string, Promise<oidc.Configuration>>();

/** The provider's configuration by discovery, cached per issuer and client. Plain http only on the loopback. */
function configOf(p: Provider): Promise<oidc.Configuration> {
  const key = `${p.issuer}|${p.clientId}|${p.version}`;
  let c = configs.get(key);
  if (!c) {
    const url = new URL(p.issuer);
    const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    c = oidc.discovery(
      url,
      p.clientId,
      p.clientSecret,
      undefined,
      loopback ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    c.catch(() => configs.delete(key));
    configs.set(key, c);
  }
  return c;
}

const unknownProvider = () =>
  new AppError(404, 'provider_unknown', 'No such identity provider.', 'Không có nhà cung cấp định danh này.');

async function providerByCode(db: Db, code: string): Promise<Provider> {
  const [p] = await db.select().from(identityProviders).where(eq(identityProviders.code, code));
  if (!p || !p.enabled) throw unknownProvider();
  return p;
}

/** The enabled providers, for the sign-in page. */
export async function listProviders(db: Db) {
  const rows = await db.select().from(identityProviders).where(eq(identityProviders.enabled, true));
  return rows.map((p) => ({ code: p.code, nameVi: p.nameVi, nameEn: p.nameEn }));
}

/** Where the provider sends the browser back. */
export const callbackUrl = (publicUrl: string, code: string) => `${publicUrl}/api/v1/auth/oidc/${code}/callback`;

/** A path of this site to return to after sign-in (never another site). */
export const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/account');

/**
 * Begin a sign-in: a fresh state, PKCE verifier and nonce are stored (hash of the state as key); returns the
 * provider's authorization URL and the state for the browser-binding cookie.
 */
export async function startSignIn(db: Db, code: string, publicUrl: string, next?: string) {
  const p = await providerByCode(db, code);
  const config = await configOf(p);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await db.delete(oidcLogins).where(lt(oidcLogins.createdAt, new Date(Date.now() - LOGIN_TTL_MS).toISOString()));
  await db
    .insert(oidcLogins)
    .values({ stateHash: sha256(state), providerId: p.id, codeVerifier, nonce, nextPath: safeNext(next) });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(publicUrl, code),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.toString(), state };
}

const signInFailed = (why: string) =>
  new AppError(
    401,
    'sso_failed',
    `Single sign-on failed: ${why}.`,
    'Đăng nhập một lần không thành công; hãy thử lại hoặc đăng nhập bằng mật khẩu.',
  );

/**
 * Finish a sign-in at the callback: the state must be one we issued, unused, recent and the browser's own (cookie);
 * the code is exchanged with the PKCE verifier, the ID token checked (issuer, audience, nonce, signature, expiry) by
 * openid-client; then the account is matched or provisioned and a session opened.
 */
export async function finishSignIn(
  db: Db,
  input: { code: string; callbackUrl: URL; cookieState: string | undefined; client: ClientInfo },
): Promise<{ token: string; next: string }> {
  const p = await providerByCode(db, input.code);
  const state = input.callbackUrl.searchParams.get('state') ?? '';
  if (!state || !input.cookieState || input.cookieState !== state)
    throw signInFailed('the sign-in was not started in this browser');
  const [pending] = await db
    .delete(oidcLogins)
    .where(and(eq(oidcLogins.stateHash, sha256(state)), eq(oidcLogins.providerId, p.id)))
    .returning();
  if (!pending || Date.parse(pending.createdAt) + LOGIN_TTL_MS < Date.now())
    throw signInFailed('the sign-in expired or was already used');
  let claims: Claims | undefined;
  try {
    const config = await configOf(p);
    const tokens = await oidc.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const id = tokens.claims();
    // Providers may keep e-mail and name out of the ID token (OIDC Core §5.4): ask the UserInfo endpoint, for the
    // same subject, when the ID token lacks them.
    const info = id && id.email === undefined ? await oidc.fetchUserInfo(config, tokens.access_token, id.sub) : {};
    claims = id ? { ...info, ...id } : undefined;
  } catch (e) {
    await recordAudit(db, {
      userId: null,
      action: 'sso_failed',
      entity: 'identity_provider',
      entityId: p.code,
      detail: { error: String(e).slice(0, 300) },
    });
    throw signInFailed('the provider’s answer did not verify');
  }
  if (!claims?.sub) throw signInFailed('no subject in the ID token');
  let userId: number;
  try {
    userId = await matchOrProvision(db, p, claims);
  } catch (e) {
    await recordAudit(db, {
      userId: null,
      action: 'sso_refused',
      entity: 'identity_provider',
      entityId: p.code,
      detail: { subject: claims.sub, reason: (e as Error).message },
    });
    throw e;
  }
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  const [org] = await db.select().from(organisations).where(eq(organisations.id, u.organisationId));
  if (u.disabledAt || org.disabledAt) {
    await recordAudit(db, {
      userId: u.id,
      action: 'sso_refused',
      entity: 'identity_provider',
      entityId: p.code,
      detail: { reason: 'deactivated' },
    });
    throw signInFailed('the account is deactivated');
  }
  actAs(u.id, u.organisationId);
  const token = await openSession(db, u.id, input.client);
  await recordAudit(db, { userId: u.id, action: 'login', detail: { ip: input.client.ip, sso: p.code } });
  return { token, next: pending.nextPath };
}

/** The claims of the ID token, completed from UserInfo. */
type Claims = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown };

async function matchOrProvision(db: Db, p: Provider, claims: Claims): Promise<number> {
  const [linked] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.providerId, p.id), eq(userIdentities.subject, claims.sub)));
  if (linked) return linked.userId;
  const email =
    typeof claims.email === 'string' && claims.email_verified === true ? claims.email.trim().toLowerCase() : null;
  if (!email) throw signInFailed('the provider gave no verified e-mail address for a new account');
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email}`);
    let userId: number;
    if (existing) {
      // Only an account of the provider's organisation may be taken over by the provider.
      if (existing.organisationId !== p.organisationId)
        throw signInFailed('the e-mail belongs to an account of another organisation');
      userId = existing.id;
    } else {
      const base =
        email
          .split('@')[0]
          .replace(/[^a-z0-9._-]/g, '')
          .slice(0, 40) || 'user';
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, base));
      const username = taken ? `${base}.${p.code}`.slice(0, 64) : base;
      const name = typeof claims.name === 'string' ? normaliseText(claims.name).slice(0, 200) : username;
      const [created] = await tx
        .insert(users)
        .values({
          username,
          displayName: name || username,
          email,
          role: p.defaultRole as Role,
          organisationId: p.organisationId,
          passwordHash: NO_PASSWORD,
        })
        .returning({ id: users.id });
      userId = created.id;
    }
    await tx.insert(userIdentities).values({ userId, providerId: p.id, subject: claims.sub });
    await recordAudit(tx as unknown as Db, {
      userId,
      action: existing ? 'sso_linked' : 'sso_provisioned',
      entity: 'user',
      entityId: String(userId),
      detail: { provider: p.code, subject: claims.sub },
    });
    return userId;
  });
}

/** Register an identity provider for an organisation (MoF). */
export async function createProvider(
  db: Db,
  actor: SessionUser,
  input: {
    code: string;
    nameVi: string;
    nameEn: string;
    issuer: string;
    clientId: string;
    clientSecret: string;
    organisationId: number;
    defaultRole: 'reporter' | 'council' | 'viewer';
  },
) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, input.organisationId));
  if (!org)
    throw new AppError(422, 'organisation_unknown', 'No organisation with this id.', 'Không có cơ quan này.', [
      { path: 'body.organisationId', message: 'Unknown organisation.', messageVi: 'Cơ quan không tồn tại.' },
    ]);
  const [row] = await db
    .insert(identityProviders)
    .values({ ...input, nameVi: normaliseText(input.nameVi), nameEn: normaliseText(input.nameEn) })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError(409, 'code_taken', 'A provider with this code exists.', 'Mã nhà cung cấp đã tồn tại.');
  await recordAudit(db, {
    userId: actor.id,
    action: 'identity_provider_created',
    entity: 'identity_provider',
    entityId: row.code,
  });
  return toAdminProvider(row);
}

/** A provider as administrators see it (never its client secret). */
export const toAdminProvider = (p: Provider) => ({
  id: p.id,
  code: p.code,
  nameVi: p.nameVi,
  nameEn: p.nameEn,
  issuer: p.issuer,
  clientId: p.clientId,
  organisationId: p.organisationId,
  defaultRole: p.defaultRole as 'reporter' | 'council' | 'viewer',
  enabled: p.enabled,
});

/** Every provider, for administrators. */
export async function listAdminProviders(db: Db) {
  return (await db.select().from(identityProviders)).map(toAdminProvider);
}
