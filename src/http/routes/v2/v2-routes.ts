import type { FastifyInstance } from 'fastify';

/** The process API in the shape of Camunda 8's REST API v2. */
export async function v2Routes(_app: FastifyInstance): Promise<void> {}
