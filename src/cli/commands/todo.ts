import type { Command } from 'commander';
import { withContainer } from '../context.ts';
import { printJson, run, say } from '../output.ts';

/** `dtks todo --as USER`: the user's to-do list, as the home page shows it. */
export function registerTodo(program: Command): void {
  program
    .command('todo')
    .description("What waits for a user in their territory (the home page's to-do list)")
    .requiredOption('--as <username>', 'the user whose to-do list to show')
    .option('--json', 'print the list as JSON')
    .action((o: { as: string; json?: boolean }) =>
      run(async () => {
        await withContainer(o.as, 'todo', async (c, actor) => {
          const todo = await c.todo.list(actor);
          if (o.json) {
            printJson(todo);
            return;
          }
          if (todo.items.length === 0) console.log(`nothing waits for ${o.as} (period ${todo.period})`);
          for (const item of todo.items) {
            console.log(`${say(item.text)}${item.link ? `  → ${item.link}` : ''}`);
          }
        });
      }),
    );
}
