/**
 * `studio`: the public directory of 党代表工作室 — the list (nearest first when the resident shares a position), a
 * studio's page with its 流动服务点 and who is on duty today (names only), and each place's printable 意见征询码.
 */
import { chinaDate, weekday } from '../../../../src/shared/calendar';
import { studio, type StudioSummary } from '../../../../src/shared/contracts/studio';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import type { GeoPoint } from '../../../../src/shared/cases/model';
import type { DutyRoster, ServicePointDoc, StudioDoc } from '../../../../src/shared/studios';
import { serve } from '../../app/serve';
import type { Database, Stored } from '../../infra/database';
import { allStudios, findStudio } from '../../infra/studios';
import { placeCode } from './qr';

export const main = serve(studio, {
  list: async ({ latitude, longitude }, { db }) => {
    const studios = (await allStudios(db)).map(summary);
    if (latitude === undefined || longitude === undefined) return { studios };
    const here = { latitude, longitude };
    const measured = studios.map((item) => (item.location ? { ...item, distance: Math.round(distanceMetres(here, item.location)) } : item));
    // Studios without a location go last, in their listed order.
    return { studios: measured.sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity)) };
  },

  get: async (input, { db, now }) => {
    // A service point's printed code names only the point: the form asks which studio it belongs to.
    const id = 'id' in input ? input.id : (await findPoint(db, input.servicePointId)).studioId;
    const [found, points] = await Promise.all([
      loadStudio(db, id),
      db.collection<ServicePointDoc>('service_points').where({ studioId: id }).limit(100).get(),
    ]);
    const day = chinaWeekday(now);
    return {
      studio: summary(found),
      servicePoints: points.sort((a, b) => a.createdAt - b.createdAt).map((point) => ({
        id: point._id,
        studioId: point.studioId,
        name: point.name,
        address: point.address,
        ...(point.location ? { location: point.location } : {}),
        schedule: point.schedule,
      })),
      onDuty: { weekday: day, names: onDuty(found.roster, found.deputies, day) },
      deputyNames: Object.values(found.deputies),
    };
  },

  // Open to everyone, as the studio page is: the code ends up on a public poster, and it is drawn once per place.
  qr: async (input, { db }) => {
    if ('studioId' in input) {
      const found = await loadStudio(db, input.studioId);
      return placeCode(db, { collection: 'studios', id: found._id, studioId: found._id, name: found.name, qrFileId: found.qrFileId });
    }
    const point = await findPoint(db, input.servicePointId);
    return placeCode(db, { collection: 'service_points', id: point._id, studioId: point.studioId, pointId: point._id, name: point.name, qrFileId: point.qrFileId });
  },
});

async function loadStudio(db: Database, id: string): Promise<Stored<StudioDoc>> {
  const found = await findStudio(db, id);
  if (!found) throw new AppError(ErrorCodes.STUDIO_NOT_FOUND, '没有找到这个党代表工作室');
  return found;
}

async function findPoint(db: Database, id: string): Promise<Stored<ServicePointDoc>> {
  const [point] = await db.collection<ServicePointDoc>('service_points').where({ _id: id }).limit(1).get();
  if (!point) throw new AppError(ErrorCodes.SERVICE_POINT_NOT_FOUND, '没有找到这个流动服务点');
  return point;
}

function summary(doc: Stored<StudioDoc>): StudioSummary {
  return {
    id: doc._id,
    name: doc.name,
    orgId: doc.orgId,
    address: doc.address,
    ...(doc.location ? { location: doc.location } : {}),
    hours: doc.hours,
    contact: doc.contact,
  };
}

/** 1 = Monday … 7 = Sunday, of the China-time date. */
function chinaWeekday(now: number): number {
  return weekday(chinaDate(now)) || 7;
}

/** Names of the deputies on the roster for the weekday (an openid without a name is left out, never shown). */
function onDuty(roster: DutyRoster, deputies: Record<string, string>, day: number): string[] {
  const key = String(day) as keyof DutyRoster;
  return (roster[key] ?? []).flatMap((openid) => (deputies[openid] ? [deputies[openid]] : []));
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance (haversine): plenty for "nearest first" within a district. */
function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const rad = (deg: number): number => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
