import { MlpkitError } from '@mlpkit/tensor';
import { Redis } from 'ioredis';

/** Checks that `url` is a Redis URL. */
export function checkRedisUrl(op: string, url: unknown): string {
  if (typeof url !== 'string' || !/^rediss?:\/\/[^\s]+$/.test(url)) throw new MlpkitError(op, `redis: expected a URL such as redis://127.0.0.1:6379, got ${JSON.stringify(url)}`);
  return url;
}

/** Connects once, without retrying, and fails with an error naming `url` when Redis does not answer. */
export async function checkRedis(op: string, url: string): Promise<void> {
  const client = new Redis(checkRedisUrl(op, url), { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new MlpkitError(op, `cannot reach Redis at ${url} (${error instanceof Error ? error.message : String(error)}); start redis-server there or pass another --redis URL`);
  } finally {
    client.disconnect();
  }
}

/**
 * A client for BullMQ: it retries without limit (BullMQ requires `maxRetriesPerRequest: null`)
 * and reconnects every half second, so a restarted Redis is found again.
 */
export function redisClient(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 500 });
  client.on('error', () => {}); // reported by the callers' own checks, not once per reconnect attempt
  return client;
}
