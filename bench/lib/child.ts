import { fork, type ChildProcess } from 'node:child_process';

/**
 * Runs a bench script (a .ts file that answers one IPC message) in its own Node process through
 * tsx, so load generators and clients use the second core instead of the process being measured.
 */
export function startChild(script: string): ChildProcess {
  return fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Sends one request and waits for one answer, killing the child if it takes longer than `timeoutMs`. */
export function askChild<Answer>(child: ChildProcess, request: unknown, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench child ${child.pid} gave no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (answer) => {
      clearTimeout(timer);
      resolve(answer as Answer);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench child ${child.pid} exited (${code}) before answering`));
    });
    child.send(request as object);
  });
}

export async function runInChild<Answer>(script: string, request: unknown, timeoutMs: number): Promise<Answer> {
  const child = startChild(script);
  try {
    return await askChild<Answer>(child, request, timeoutMs);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
