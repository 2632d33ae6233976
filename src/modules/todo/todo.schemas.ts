import { z } from 'zod';

export const TodoQuery = z.strictObject({ lang: z.enum(['id', 'en']).optional() });

const Text = z.object({ id: z.string(), en: z.string() });

export const TodoItem = z.object({
  code: z.string().describe('The kind of item (one entry of the to-do table)'),
  count: z.number().int().describe('How many records wait (for the proposal window: days left)'),
  text: Text,
  link: z.string().nullable().describe("The web app's list of these records, filtered"),
});

export const Todo = z.object({
  period: z.string().describe('The period being worked on: the latest whose proposal window has opened'),
  items: z.array(TodoItem),
});
