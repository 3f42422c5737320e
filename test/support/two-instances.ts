import { type RedisServer, startRedisServer } from "./redis-server.ts";
import { type ServerProcess, startServerProcess } from "./server-process.ts";

/** A real redis-server and two server processes sharing it: what several instances behind a balancer see. */
export interface TwoInstances {
  redis: RedisServer;
  a: ServerProcess;
  b: ServerProcess;
}

/** If either server fails to start, the other and Redis are stopped before the error is thrown. */
export async function startTwoInstancesOnRedis(): Promise<TwoInstances> {
  const redis = await startRedisServer();
  const started = await Promise.allSettled([
    startServerProcess({ REDIS_URL: redis.url }),
    startServerProcess({ REDIS_URL: redis.url }),
  ]);
  const [a, b] = started.map((s) => (s.status === "fulfilled" ? s.value : undefined));
  if (a === undefined || b === undefined) {
    await stopTwoInstances({ redis, ...(a ? { a } : {}), ...(b ? { b } : {}) });
    throw started.find((s) => s.status === "rejected")!.reason;
  }
  return { redis, a, b };
}

export async function stopTwoInstances(instances: Partial<TwoInstances>): Promise<void> {
  await Promise.all([instances.a?.kill(), instances.b?.kill()]);
  await instances.redis?.stop();
}
