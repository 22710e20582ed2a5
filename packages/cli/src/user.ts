// `callboard user add|passwd|list`: the users of the web server, from the
// command line (the same rules and audit as the API; the actor is `cli`).
// A password is read from standard input with --password-stdin, never from
// the arguments; without it one is made and printed once. With PGlite, run
// these while `callboard start` is stopped (one process owns the folder).

import { InvalidArgumentError, Option, type Command } from 'commander';
import { addUser, changeUser, generatePassword, systemClock } from '@callboard/server';
import { RIGHTS, ROLES, Store, type OperatorRef, type Right } from '@callboard/store';
import { settings, type CommonOptions } from './settings.js';
import { quote } from './start.js';

interface AddOptions extends CommonOptions {
  readonly role: (typeof ROLES)[number];
  readonly name?: string;
  readonly operator?: string;
  readonly queues?: string[];
  readonly rights?: Right[];
  readonly passwordStdin?: boolean;
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function rights(value: string): Right[] {
  const out: Right[] = [];
  for (const r of list(value)) {
    const known = RIGHTS.find((k) => k === r);
    if (!known) throw new InvalidArgumentError(`rights are ${RIGHTS.join(', ')}`);
    out.push(known);
  }
  return out;
}

async function withStore<T>(opts: CommonOptions, use: (store: Store) => Promise<T>): Promise<T> {
  const config = settings(opts);
  const store = await Store.open({ url: config.database.url, dataDir: config.database.data });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/** An operator by entity id, by key, or by station/key. */
function findOperator(operators: readonly OperatorRef[], ref: string): number {
  const found = /^\d+$/.test(ref)
    ? operators.filter((o) => o.id === Number(ref))
    : operators.filter((o) => o.key === ref || `${o.station}/${o.key}` === ref);
  const [first, second] = found;
  if (!first) throw new Error(`no operator ${ref} (see the directory, or give its id)`);
  if (second) throw new Error(`${ref} is an operator on several stations: give station/${ref}`);
  return first.id;
}

function common(command: Command): Command {
  return command
    .option('--config <file>', 'the configuration file (YAML or JSON; default: CALLBOARD_CONFIG)')
    .option('--data <dir>', 'the PGlite data folder (default: CALLBOARD_DATA, or ./data)');
}

export function addUserCommand(program: Command): void {
  const user = program
    .command('user')
    .description('Users of the web server: add one, set a password, list them.');

  common(
    user
      .command('add')
      .description('Add a user (its password printed once unless --password-stdin).'),
  )
    .argument('<login>', 'letters, digits, . _ @ - (case does not matter)')
    .addOption(new Option('--role <role>', 'what the user is').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'the name shown (default: the login)')
    .option('--operator <id|key>', 'an operator user: the operator (entity id, key or station/key)')
    .option(
      '--queues <list>',
      "a supervisor's queues, comma-separated (queue, or station/queue)",
      list,
    )
    .option(
      '--rights <list>',
      `a supervisor's rights, comma-separated: ${RIGHTS.join(', ')}`,
      rights,
    )
    .option('--password-stdin', 'read the password from standard input')
    .action(async (login: string, opts: AddOptions) => {
      await withStore(opts, async (store) => {
        const password = opts.passwordStdin ? await readStdin() : undefined;
        const operatorId =
          opts.operator === undefined
            ? null
            : findOperator(await store.operatorRefs(), opts.operator);
        const { user: made, generatedPassword } = await addUser(
          store,
          systemClock,
          { name: 'cli' },
          {
            login,
            role: opts.role,
            operatorId,
            ...(opts.name === undefined ? {} : { displayName: opts.name }),
            ...(opts.queues === undefined ? {} : { queues: opts.queues }),
            ...(opts.rights === undefined ? {} : { rights: opts.rights }),
            password,
          },
        );
        process.stdout.write(
          `user: added ${made.login} (${made.role}, id ${made.id})` +
            (generatedPassword === undefined
              ? '\n'
              : `; password: ${generatedPassword} (shown once)\n`),
        );
      });
    });

  common(
    user
      .command('passwd')
      .description(
        'Set a new password (made and printed once unless --password-stdin); ends the user’s sessions.',
      ),
  )
    .argument('<login>')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (login: string, opts: CommonOptions & { passwordStdin?: boolean }) => {
      await withStore(opts, async (store) => {
        const found = await store.users.byLogin(login.trim().toLowerCase());
        if (!found) throw new Error(`no user ${login}`);
        const password = opts.passwordStdin ? await readStdin() : generatePassword();
        await changeUser(store, systemClock, { name: 'cli' }, found.id, { password });
        process.stdout.write(
          opts.passwordStdin
            ? `user: new password set for ${found.login}\n`
            : `user: new password for ${found.login}: ${password} (shown once)\n`,
        );
      });
    });

  common(user.command('list').description('List the users: id, login, role, name, scope.')).action(
    async (opts: CommonOptions) => {
      await withStore(opts, async (store) => {
        const operators = new Map((await store.operatorRefs()).map((o) => [o.id, o]));
        for (const u of await store.users.list()) {
          const op = u.operatorId === null ? undefined : operators.get(u.operatorId);
          const parts = [String(u.id), u.login, u.role, quote(u.displayName)];
          if (op) parts.push(`operator ${quote(`${op.station}/${op.key}`)}`);
          if (u.role === 'supervisor')
            parts.push(
              `queues ${quote(u.queues.join(','))}`,
              `rights ${u.rights.join(',') || '-'}`,
            );
          if (u.disabled) parts.push('disabled');
          process.stdout.write(`${parts.join(' ')}\n`);
        }
      });
    },
  );
}
