import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { WallboardSnapshot } from '../../shared/wallboard';
import type { WallboardQuality } from '../../shared/wallboard-quality';
import { createBoardStore, startOfLocalDay } from './board-store';
import { createBoardLink, type BoardSocket } from './connection';
import { createQualityPoll } from './quality-poll';
import { SignIn } from './SignIn';
import { Wallboard } from './Wallboard';
import './wallboard.css';

declare global {
  interface Window {
    /** Set once when the page loads: tests prove a recovery happened without a reload. */
    __wallboardLoadedAt?: number;
  }
}
window.__wallboardLoadedAt ??= Date.now();

const TOKEN_KEY = 'warmline.wallboard.token';
const params = new URLSearchParams(location.search);
const rotateMs = Math.max(3, Number(params.get('rotate') ?? 15) || 15) * 1000;
const container = document.getElementById('root');
if (!container) throw new Error('wallboard.html has no #root element');
const root = createRoot(container);

// The page talks to the hub that served it: same origin for HTTP and the stream.
const streamUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/stream`;

function start(token: string): void {
  const board = createBoardStore({ now: Date.now, scheduleRender: (render) => void requestAnimationFrame(render) });
  const link = createBoardLink(
    {
      token,
      now: Date.now,
      startOfDay: startOfLocalDay,
      setTimeout: (run, ms) => window.setTimeout(run, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
      openSocket: () => new WebSocket(streamUrl) as unknown as BoardSocket,
      async fetchSnapshot(dayStart) {
        const response = await fetch(`/v1/wallboard/snapshot?dayStart=${encodeURIComponent(dayStart)}`, {
          headers: { authorization: `Bearer ${token}` },
          cache: 'no-store',
        });
        if (!response.ok) throw new Error(`snapshot refused: ${response.status}`);
        return (await response.json()) as WallboardSnapshot;
      },
    },
    board.sink,
  );
  link.start();
  createQualityPoll(
    {
      now: Date.now,
      startOfDay: startOfLocalDay,
      setInterval: (run, ms) => window.setInterval(run, ms),
      clearInterval: (handle) => window.clearInterval(handle as number),
      async fetchQuality(from, to) {
        const response = await fetch(`/v1/metrics/handoff-quality?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, {
          headers: { authorization: `Bearer ${token}` },
          cache: 'no-store',
        });
        if (!response.ok) throw new Error(`quality refused: ${response.status}`);
        return (await response.json()) as WallboardQuality;
      },
    },
    board.showQuality,
  ).start();
  root.render(
    <StrictMode>
      <Wallboard board={board} rotateMs={rotateMs} />
    </StrictMode>,
  );
}

const token = params.get('token') ?? localStorage.getItem(TOKEN_KEY);
if (token) start(token);
else
  root.render(
    <SignIn
      onSignedIn={(signedIn) => {
        localStorage.setItem(TOKEN_KEY, signedIn);
        start(signedIn);
      }}
    />,
  );
