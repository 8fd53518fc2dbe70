import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminUnitDetail,
  AtQuery,
  BoundariesQuery,
  CrosswalkQuery,
  CrosswalkResponse,
  GroupingsQuery,
  GroupingsResponse,
  UnitParams,
  UnitsQuery,
  UnitsResponse,
} from '@regionlink/shared';
import { getBoundaries, getCrosswalk, getUnit, listGroupings, listUnits, todayVn } from './geo.service';

/** Public read-only geography API: units, groupings, crosswalk, boundaries. */
export const geoRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['geo'];
  app.get(
    '/geo/units',
    {
      schema: {
        tags,
        summary: 'Administrative units in force on a date',
        querystring: UnitsQuery,
        response: { 200: UnitsResponse },
      },
    },
    async (req) => {
      const at = req.query.at ?? todayVn();
      return {
        at,
        level: req.query.level,
        items: await listUnits(req.readDb, { level: req.query.level, at, parent: req.query.parent }),
      };
    },
  );
  app.get(
    '/geo/units/:code',
    {
      schema: {
        tags,
        summary: 'One unit with its predecessors, successors and groupings',
        params: UnitParams,
        querystring: AtQuery,
        response: { 200: AdminUnitDetail },
      },
    },
    async (req) => getUnit(req.readDb, req.params.code, req.query.at ?? todayVn()),
  );
  app.get(
    '/geo/groupings',
    {
      schema: {
        tags,
        summary: 'Groupings with their members on a date',
        querystring: GroupingsQuery,
        response: { 200: GroupingsResponse },
      },
    },
    async (req) => {
      const at = req.query.at ?? todayVn();
      return { at, items: await listGroupings(req.readDb, { type: req.query.type, at }) };
    },
  );
  app.get(
    '/geo/crosswalk',
    {
      schema: {
        tags,
        summary: 'Crosswalk between the provinces of two dates',
        querystring: CrosswalkQuery,
        response: { 200: CrosswalkResponse },
      },
    },
    async (req) => getCrosswalk(req.readDb, req.query.from, req.query.to),
  );
  app.get(
    '/geo/boundaries',
    {
      schema: {
        tags,
        summary: 'Province boundaries in force on a date (TopoJSON by default)',
        querystring: BoundariesQuery,
      },
    },
    async (req, reply) => {
      const layer = await getBoundaries(req.readDb, req.query.at ?? todayVn(), req.query.format, req.query.detail);
      reply.header('etag', layer.etag).header('cache-control', 'public, max-age=3600');
      reply.header('x-source', encodeURIComponent(layer.source)).header('x-licence', encodeURIComponent(layer.licence));
      if (req.headers['if-none-match'] === layer.etag) return reply.status(304).send();
      return reply.type(req.query.format === 'geojson' ? 'application/geo+json' : 'application/json').send(layer.body);
    },
  );
};
