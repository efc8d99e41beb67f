// The one place the UI listens to a server-sent event stream: health-service's live picture of the cluster and
// the platform (GET /api/v1/stream, through query-service). The stream starts with the current picture and then
// sends each change; the browser's EventSource reconnects by itself when the connection drops.
import { useEffect, useState } from 'react';
import type { ClusterSnapshot, PlatformReport } from './types';

export const HEALTH_STREAM_PATH = '/api/v1/stream';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface HealthPicture {
  cluster: ClusterSnapshot | null;
  platform: PlatformReport | null;
  connection: Connection;
  /** When the last event arrived (ms since the epoch), to say how fresh the picture is. */
  updatedAt: number | null;
}

export const INITIAL_PICTURE: HealthPicture = { cluster: null, platform: null, connection: 'connecting', updatedAt: null };

/** The picture after one event; an event that is not valid JSON leaves it as it was (and says so once). */
export function applyEvent(picture: HealthPicture, name: string, data: string, now: number): HealthPicture {
  if (name !== 'cluster' && name !== 'platform') return picture;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    console.warn(`health stream: a ${name} event that is not JSON was ignored`);
    return picture;
  }
  return name === 'cluster'
    ? { ...picture, cluster: parsed as ClusterSnapshot, connection: 'live', updatedAt: now }
    : { ...picture, platform: parsed as PlatformReport, connection: 'live', updatedAt: now };
}

/** The live health picture, for as long as the calling component is mounted. */
export function useHealthStream(): HealthPicture {
  const [picture, setPicture] = useState<HealthPicture>(INITIAL_PICTURE);
  useEffect(() => {
    const source = new EventSource(HEALTH_STREAM_PATH);
    const on = (name: string) => (e: MessageEvent<string>) => setPicture((p) => applyEvent(p, name, e.data, Date.now()));
    const cluster = on('cluster');
    const platform = on('platform');
    source.addEventListener('cluster', cluster);
    source.addEventListener('platform', platform);
    source.onopen = () => setPicture((p) => ({ ...p, connection: p.cluster || p.platform ? 'live' : 'connecting' }));
    source.onerror = () => setPicture((p) => ({ ...p, connection: 'reconnecting' }));
    return () => source.close();
  }, []);
  return picture;
}
