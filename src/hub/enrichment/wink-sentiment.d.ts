declare module 'wink-sentiment' {
  interface WinkResult {
    score: number;
    normalizedScore: number;
  }
  export default function sentiment(phrase: string): WinkResult;
}
