import { startReferenceBot } from './server';

/** `npx tsx examples/botframework-reference-bot/src/main.ts`, configured from the environment. */
const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see examples/botframework-reference-bot/README.md).`);
  return value;
};

const bot = await startReferenceBot({
  port: Number(process.env.PORT ?? 3978),
  host: process.env.HOST ?? '127.0.0.1',
  hubUrl: required('WARMLINE_HUB_URL'),
  token: required('WARMLINE_TOKEN'),
  signingSecret: required('WARMLINE_SIGNING_SECRET'),
  microsoftAppId: process.env.MicrosoftAppId,
  microsoftAppPassword: process.env.MicrosoftAppPassword,
});
console.log(`Reference bot: channel endpoint ${bot.messagesUrl}, Warmline endpoint ${bot.warmlineUrl}`);
