import crypto from 'node:crypto';
import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, actorStorage, currentActor } from '../db/actor';

const RESOURCE = Symbol('regionlink.actor');
type WithResource = FastifyRequest & { [RESOURCE]?: AsyncResource };

/**
 * Bind the signed-in user (or the anonymous caller) as the actor of everything the request does, so every row it
 * writes is attributed in the audit trail. Runs right after the session is resolved. Body parsing can leave the
 * async context, so the context is re-entered before validation (as @fastify/request-context does).
 */
export function registerRequestActor(app: FastifyInstance) {
  app.addHook('onRequest', (req, _reply, done) => {
    const actor: Actor = {
      userId: req.user?.id ?? null,
      organisationId: req.user?.organisation.id ?? null,
      requestId: crypto.randomBytes(6).toString('base64url'),
      source: 'api',
    };
    actorStorage.run(actor, () => {
      const resource = new AsyncResource('regionlink-request');
      (req as WithResource)[RESOURCE] = resource;
      resource.runInAsyncScope(done, req.raw);
    });
  });
  app.addHook('preValidation', (req, _reply, done) => {
    const resource = (req as WithResource)[RESOURCE];
    if (resource) resource.runInAsyncScope(done, req.raw);
    else done();
  });
}

/** After a sign-in within this request: what it writes from now on is the new user's doing. */
export function actAs(userId: number, organisationId: number) {
  const a = currentActor();
  if (a) {
    a.userId = userId;
    a.organisationId = organisationId;
  }
}
