import { describe, expect, it } from 'vitest';
import { workerCommand } from './worker-command.js';
import { freePort } from './redis-server.test-helper.js';

describe('mlpkit-search worker', () => {
  it('refuses unknown flags and commands, and needs --redis', async () => {
    await expect(workerCommand(['worker', '--redis', 'redis://127.0.0.1:1', '--concurrency', '2'])).rejects.toThrow(/Unknown option '--concurrency'/);
    await expect(workerCommand(['serve'])).rejects.toThrow(/^expected the command 'worker', got 'serve'/);
    await expect(workerCommand(['worker'])).rejects.toThrow(/^--redis URL is required/);
    await expect(workerCommand(['worker', '--redis', 'redis://127.0.0.1:1', '--threads', '0'])).rejects.toThrow(/^--threads: expected an integer >= 1, got "0"/);
    await expect(workerCommand(['worker', '--redis', 'redis://127.0.0.1:1', '--isolation', 'fiber'])).rejects.toThrow(/^--isolation: expected process or thread, got "fiber"/);
  });

  it('names the URL when Redis is unreachable', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(workerCommand(['worker', '--redis', url, '--quiet'])).rejects.toThrow(`mlpkit-search worker: cannot reach Redis at ${url}`);
  });
});
