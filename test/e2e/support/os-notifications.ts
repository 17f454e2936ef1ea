import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';

const REQUIRED = ['/usr/bin/Xvfb', '/usr/bin/dbus-daemon', '/usr/bin/dunst', '/usr/bin/dunstctl', '/usr/bin/notify-send'];
export const missingNotificationTools = (): string[] => REQUIRED.filter((path) => !existsSync(path));

export interface DunstNotification {
  appname: string;
  summary: string;
  body: string;
}

/**
 * dunst's context menu runs its `dmenu` command with one line per action of every notification on
 * screen, `#<Label> (<summary>) [<id>,<action>]`, and invokes the line it prints. This stand-in for
 * dmenu keeps the menu it was shown and picks the line holding both strings of the `choice` file
 * (the customer's name and the action's name), as an agent clicking that button would. The menu
 * file appears whole (written aside, then renamed), so the test reads it once it exists.
 */
const PICK_SCRIPT = (dir: string) => `#!/bin/sh
cat > "${dir}/menu.part"
mv "${dir}/menu.part" "${dir}/menu"
grep -F -- "$(sed -n 1p "${dir}/choice")" "${dir}/menu" | grep -m1 -F -- "$(sed -n 2p "${dir}/choice")"
`;

/**
 * Notifications stay until answered (timeout 0), so a slow test run cannot let one expire unseen;
 * the history keeps every closed one of a spec file's tests, so counting it tells when one closed.
 */
const DUNSTRC = (dir: string) => `[global]
    dmenu = ${dir}/pick
    history_length = 1000
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
`;

/**
 * A private X display, session bus and dunst, so real freedesktop notifications can be read back
 * and their buttons pressed (the recipe in shared/recipes/notify-check.sh). Sets DISPLAY and
 * DBUS_SESSION_BUS_ADDRESS for this process, so notify-send reaches this dunst.
 */
export async function startNotificationSession() {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-dunst-'));
  writeFileSync(join(dir, 'pick'), PICK_SCRIPT(dir));
  chmodSync(join(dir, 'pick'), 0o755);
  writeFileSync(join(dir, 'dunstrc'), DUNSTRC(dir));
  const children: ChildProcess[] = [];
  const display = `:${90 + Math.floor(Math.random() * 100)}`;
  const bus = `unix:path=${join(dir, 'bus')}`;
  children.push(spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' }));
  children.push(spawn('dbus-daemon', ['--session', `--address=${bus}`, '--nofork', '--nopidfile'], { stdio: 'ignore' }));
  const env = { ...process.env, DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: bus };
  /** Whether the bus answers and the notification name has an owner: null while the bus is not up. */
  const owned = (): boolean | null => {
    try {
      const out = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.Notifications'], { env, stdio: 'pipe' }).toString();
      return out.includes('boolean true');
    } catch {
      return null;
    }
  };
  await expect.poll(owned, { message: 'the session bus did not start', timeout: 10_000, intervals: [100] }).toBe(false);
  children.push(spawn('dunst', ['-config', join(dir, 'dunstrc')], { stdio: 'ignore', env }));
  await expect.poll(owned, { message: 'dunst did not take the notification bus name', timeout: 10_000, intervals: [100] }).toBe(true);
  process.env.DISPLAY = display;
  process.env.DBUS_SESSION_BUS_ADDRESS = bus;
  const dunstctl = (...args: string[]) => execFileSync('dunstctl', args, { env }).toString();

  return {
    /** How many notifications are on screen now. */
    displayed: (): number => Number(dunstctl('count', 'displayed').trim()),

    /** How many notifications have closed so far (answered, clicked or dismissed), without closing any. */
    closed: (): number => Number(dunstctl('count', 'history').trim()),

    /**
     * Presses a button of the notification on screen whose summary is `summary`, through dunst's
     * context menu; returns the menu's lines for that notification (what the agent was offered).
     */
    async press(summary: string, action: 'accept' | 'decline' | 'default'): Promise<string[]> {
      const menu = join(dir, 'menu');
      rmSync(menu, { force: true });
      writeFileSync(join(dir, 'choice'), `(${summary}) [\n,${action}]\n`);
      dunstctl('context');
      // dunst runs the menu in the background: wait until it has been shown.
      await expect.poll(() => existsSync(menu), { message: 'dunst showed no menu', timeout: 5_000, intervals: [100] }).toBe(true);
      return readFileSync(menu, 'utf8').split('\n').filter((line) => line.includes(`(${summary}) [`));
    },

    /** The click: the default action of the newest notification on screen. */
    click(): void {
      dunstctl('action', '0');
    },

    /** What dunst received, newest first (closing them first: history lists closed ones only). */
    history(): DunstNotification[] {
      dunstctl('close-all');
      const parsed = JSON.parse(dunstctl('history')) as {
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
