import { createContext } from 'react';

/** The conversation a transcript shows: its files are read and cached under it. */
export const TranscriptConversationContext = createContext<string | null>(null);
