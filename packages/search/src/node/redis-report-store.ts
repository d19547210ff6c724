import type { Redis } from 'ioredis';
import type { ReportStore } from '../pruning.js';

const WEEK_S = 7 * 24 * 3600;

/** A report store in Redis, shared by every worker of one search, so pruning compares trials across machines. */
export class RedisReportStore implements ReportStore {
  constructor(private readonly client: Redis, private readonly search: string) {}

  async record(index: number, epoch: number, value: number): Promise<number[]> {
    const key = `mlpkit-search:${this.search}:epoch:${epoch}`;
    const [, , [, all]] = (await this.client.multi().hset(key, String(index), String(value)).expire(key, WEEK_S).hgetall(key).exec()) as [unknown, unknown, [unknown, Record<string, string>]];
    return Object.entries(all).filter(([i]) => i !== String(index)).map(([, v]) => Number(v));
  }
}
