import { readFileSync } from 'node:fs';

/**
 * This process's main thread's CPU time in µs, from /proc (clock ticks of 10 ms: fine over
 * seconds); null off Linux. process.cpuUsage() also counts worker threads.
 */
export function mainThreadCpuUs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}
