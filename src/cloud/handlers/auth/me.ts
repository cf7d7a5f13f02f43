import { z } from 'zod';
import { defineAction } from '../../core/action';

export const me = defineAction({
  name: 'auth.me',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    return { userId: ctx.caller!.userId, roles: ctx.caller!.roles };
  },
});
