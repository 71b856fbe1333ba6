import { describe, expect, it } from 'vitest';
import { distanceKm, nearestCluster } from '../../engine/geo.ts';

const amsterdam = { lat: 52.374, lon: 4.8897 };
const rotterdam = { lat: 51.9225, lon: 4.4792 };

describe('distanceKm', () => {
  it('measures great-circle distance', () => {
    expect(distanceKm(amsterdam, rotterdam)).toBeCloseTo(57.5, 0);
    expect(distanceKm(amsterdam, amsterdam)).toBe(0);
    // London - New York is about 5,570 km
    expect(distanceKm({ lat: 51.5074, lon: -0.1278 }, { lat: 40.7128, lon: -74.006 })).toBeCloseTo(5570, -1);
  });
});

describe('nearestCluster', () => {
  const clusters = [
    { id: 'a', lat: 52.374, lon: 4.8897, radiusKm: 100, partOf: null },
    { id: 'b', lat: 51.9225, lon: 4.4792, radiusKm: 100, partOf: null },
    { id: 'a-part', lat: 52.374, lon: 4.8897, radiusKm: 30, partOf: 'a' },
  ];
  it('takes the nearest cluster when radii overlap, and keeps the distance', () => {
    const link = nearestCluster({ lat: 52.0, lon: 4.5 }, clusters);
    expect(link).toMatchObject({ clusterId: 'b', within: true });
    expect(link!.distanceKm).toBeCloseTo(distanceKm({ lat: 52.0, lon: 4.5 }, rotterdam), 6);
  });
  it('prefers the more specific sub-region at equal distance', () => {
    expect(nearestCluster(amsterdam, clusters)?.clusterId).toBe('a-part');
  });
  it('keeps the nearest cluster, marked outside, for a place beyond every radius', () => {
    const link = nearestCluster({ lat: 48.8566, lon: 2.3522 }, clusters);
    expect(link).toMatchObject({ clusterId: 'b', within: false });
    expect(link!.distanceKm).toBeGreaterThan(300);
  });
  it('prefers a cluster that contains the place over a nearer centre whose radius does not', () => {
    const small = [
      { id: 'near-small', lat: 52.0, lon: 5.0, radiusKm: 5, partOf: null },
      { id: 'far-large', lat: 52.5, lon: 5.0, radiusKm: 100, partOf: null },
    ];
    expect(nearestCluster({ lat: 52.1, lon: 5.0 }, small)?.clusterId).toBe('far-large');
  });
});
