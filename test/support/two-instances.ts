import { type RedisServer, startRedisServer } from "./redis-server.ts";
import { type ServerProcess, startServerProcess } from "./server-process.ts";

/** A real redis-server and two server processes sharing it: what several instances behind a balancer see. */
export interface TwoInstances {
  redis: RedisServer;
  a: ServerProcess;
  b: ServerProcess;
}

export async function startTwoInstancesOnRedis(): Promise<TwoInstances> {
  const redis = await startRedisServer();
  const [a, b] = await Promise.all([
    startServerProcess({ REDIS_URL: redis.url }, { startTimeoutMs: 60_000 }),
    startServerProcess({ REDIS_URL: redis.url }, { startTimeoutMs: 60_000 }),
  ]);
  return { redis, a, b };
}

export async function stopTwoInstances(instances: Partial<TwoInstances>): Promise<void> {
  await Promise.all([instances.a?.kill(), instances.b?.kill()]);
  await instances.redis?.stop();
}
