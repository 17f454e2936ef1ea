declare module 'vader-sentiment' {
  const vader: {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number } };
  };
  export default vader;
}
declare module 'multilang-sentiment' {
  export default function multilang(phrase: string, language: string): { score: number };
}
