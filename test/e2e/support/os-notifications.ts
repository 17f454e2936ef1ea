import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUIRED = ['/usr/bin/Xvfb', '/usr/bin/dbus-daemon', '/usr/bin/dunst', '/usr/bin/dunstctl', '/usr/bin/notify-send'];
export const missingNotificationTools = (): string[] => REQUIRED.filter((path) => !existsSync(path));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DunstNotification {
  appname: string;
  summary: string;
  body: string;
}

/**
 * A private X display, session bus and dunst, so real freedesktop notifications can be read back
 * (the recipe in shared/recipes/notify-check.sh). Sets DISPLAY and DBUS_SESSION_BUS_ADDRESS for
 * this process, so node-notifier's notify-send reaches this dunst.
 */
export async function startNotificationSession() {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-dunst-'));
  const children: ChildProcess[] = [];
  const display = `:${90 + Math.floor(Math.random() * 100)}`;
  const bus = `unix:path=${join(dir, 'bus')}`;
  children.push(spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' }));
  children.push(spawn('dbus-daemon', ['--session', `--address=${bus}`, '--nofork', '--nopidfile'], { stdio: 'ignore' }));
  const env = { ...process.env, DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: bus };
  for (let i = 0; i < 50 && !existsSync(join(dir, 'bus')); i += 1) await sleep(100);
  await sleep(300);
  children.push(spawn('dunst', [], { stdio: 'ignore', env }));
  const owned = () => {
    try {
      const out = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.Notifications'], { env }).toString();
      return out.includes('boolean true');
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && !owned(); i += 1) await sleep(100);
  if (!owned()) throw new Error('dunst did not take the notification bus name');
  process.env.DISPLAY = display;
  process.env.DBUS_SESSION_BUS_ADDRESS = bus;

  return {
    /** What dunst received, newest first (closing them first: history lists closed ones only). */
    history(): DunstNotification[] {
      execFileSync('dunstctl', ['close-all'], { env });
      const parsed = JSON.parse(execFileSync('dunstctl', ['history'], { env }).toString()) as {
        data: { appname: { data: string }; summary: { data: string }; body: { data: string } }[][];
      };
      return (parsed.data[0] ?? []).map((n) => ({ appname: n.appname.data, summary: n.summary.data, body: n.body.data }));
    },
    stop(): void {
      for (const child of children.reverse()) child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
