import type { FastifyReply } from 'fastify';

/**
 * Sends JSON text a service has already written (for the hot reads, PostgreSQL writes it). The route's
 * response schema still documents the body in the OpenAPI document; it is not applied again here, so
 * tests hold such bodies to the schema.
 */
export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
