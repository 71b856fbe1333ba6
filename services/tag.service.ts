// Tags: the taxonomy a startup's fields are named in, and suggestions for a description.
import { z } from 'zod';
import { text } from '../engine/text.ts';
import type { Encoder } from '../models/encoder.ts';

export type { TagGuess } from '../models/encoder.ts';

export const SuggestRequest = z.object({ description: text().min(1).max(5000).describe('what the startup builds, in plain words') }).strict();

export class TagService {
  constructor(private readonly encoder: Encoder) {}

  /** The taxonomy tags most likely for a description, with probabilities; none for text with no word the encoder knows. */
  suggest(description: string, limit = 5) {
    return this.encoder.inferTagsOrNone(description, limit);
  }
}
