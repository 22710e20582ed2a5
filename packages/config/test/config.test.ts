import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@callboard/config';

const dir = mkdtempSync(join(tmpdir(), 'callboard-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const GOOD = `# a center with two servers
database:
  data: ./var
stations:
  moscow:
    timezone: Europe/Moscow
    servers:
      pbx1:
        host: 10.0.0.5
        username: callboard
        secret: { env: PBX1_SECRET }
      pbx2:
        host: 10.0.0.6
        port: 5039
        username: callboard
        secret: s3cret-inline
        tls: true
queues:
  support: { serviceLevelSeconds: 20, wrapUpSeconds: 5 }
tracker:
  trunks: ['^SIP/trunk']
`;

describe('loadConfig', () => {
  it('reads a good file, with defaults, secrets and paths resolved', () => {
    const config = loadConfig(file('good.yaml', GOOD), { PBX1_SECRET: 'from-env' });
    expect(config.servers.map((s) => [s.name, s.station, s.port, s.tls])).toEqual([
      ['pbx1', 'moscow', 5038, false],
      ['pbx2', 'moscow', 5039, true],
    ]);
    expect(config.servers[0]?.secret.reveal()).toBe('from-env');
    expect(config.database).toEqual({ url: undefined, data: join(dir, 'var') });
    expect(config.spool.dir).toBe(join(dir, 'var', 'spool'));
    expect(config.journal.batchMs).toBe(100);
    expect(config.tracker.stations).toEqual({ pbx1: 'moscow', pbx2: 'moscow' });
    expect(config.tracker.queues).toEqual({ support: { wrapUpSeconds: 5 } });
    expect(config.stations).toEqual([{ name: 'moscow', timezone: 'Europe/Moscow' }]);
  });

  it('never shows a secret in JSON or in a log line', () => {
    const config = loadConfig(file('good2.yaml', GOOD), { PBX1_SECRET: 'from-env' });
    expect(JSON.stringify(config)).not.toMatch(/from-env|s3cret-inline/);
    expect(inspect(config, { depth: 10 })).not.toMatch(/from-env|s3cret-inline/);
    expect(`${String(config.servers[1]?.secret)}`).toBe('***');
  });

  it('lets the environment override the database and the port', () => {
    const config = loadConfig(file('good3.yaml', GOOD), {
      PBX1_SECRET: 'x',
      DATABASE_URL: 'postgres://db/cb',
      PORT: '9090',
      CALLBOARD_DATA: '/srv/cb',
    });
    expect(config.database).toEqual({ url: 'postgres://db/cb', data: '/srv/cb' });
    expect(config.server.port).toBe(9090);
  });

  it('runs on defaults without a file', () => {
    const config = loadConfig(undefined, {});
    expect(config.servers).toEqual([]);
    expect(config.server.port).toBe(8080);
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.server.adminPassword).toBeUndefined();
  });

  it('reads the web server: host, port, the first admin password and the metrics token as secrets', () => {
    const config = loadConfig(
      file(
        'web.yaml',
        'server:\n  host: 127.0.0.1\n  port: 8181\n  adminPassword: { env: CB_ADMIN }\n  metricsToken: scrape-me\n',
      ),
      { CB_ADMIN: 'first-secret' },
    );
    expect(config.server.host).toBe('127.0.0.1');
    expect(config.server.port).toBe(8181);
    expect(config.server.adminPassword?.reveal()).toBe('first-secret');
    expect(config.server.metricsToken?.reveal()).toBe('scrape-me');
    expect(JSON.stringify(config.server)).not.toMatch(/first-secret|scrape-me/);
    expect(config.server.trustProxy).toBe(false);
    expect(config.server.tls).toBeUndefined();
    const tls = loadConfig(file('tls.yaml', 'server:\n  tls: { cert: c.pem, key: k.pem }\n'), {});
    expect(tls.server.tls).toEqual({ cert: join(dir, 'c.pem'), key: join(dir, 'k.pem') });
    expect(() =>
      loadConfig(file('web2.yaml', 'server:\n  adminPassword: { env: CB_NONE }\n'), {}),
    ).toThrow(/web2\.yaml:2: server\.adminPassword: environment variable CB_NONE is not set/);
  });

  it.each([
    ['an unknown setting', 'databse:\n  data: x\n', 1, /Unrecognized key|unrecognized/i],
    [
      'a wrong type',
      'stations:\n  m:\n    servers:\n      p1:\n        host: h\n        port: "5038"\n        username: u\n        secret: s\n',
      6,
      /stations\.m\.servers\.p1\.port: .*number/,
    ],
    [
      'a bad regular expression',
      'tracker:\n  trunks:\n    - "^SIP/(trunk"\n',
      3,
      /tracker\.trunks\.0: not a regular expression/,
    ],
    ['a bad time zone', 'stations:\n  m:\n    timezone: Mars/Olympus\n', 3, /not a time zone/],
    [
      'a missing secret variable',
      'stations:\n  m:\n    servers:\n      p1:\n        host: h\n        username: u\n        secret: { env: NOPE }\n',
      7,
      /environment variable NOPE is not set/,
    ],
    ['broken YAML', 'stations:\n  m: [\n', 3, /.+/],
  ])('names the file, the line and the problem for %s', (_what, text, line, problem) => {
    const path = file(`bad-${line}.yaml`, text);
    let error: unknown;
    try {
      loadConfig(path, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof ConfigError && error.line).toBe(line);
    expect(error instanceof Error && error.message.startsWith(`${path}:${line}: `)).toBe(true);
    expect(error instanceof Error && error.message).toMatch(problem);
  });

  it('refuses the same server name in two stations', () => {
    const path = file(
      'dup.yaml',
      'stations:\n  a:\n    servers:\n      p1: { host: h, username: u, secret: s }\n  b:\n    servers:\n      p1: { host: h, username: u, secret: s }\n',
    );
    expect(() => loadConfig(path, {})).toThrow(
      /:7: stations\.b\.servers\.p1: server "p1" is already in station "a"/,
    );
  });

  it('names a file that cannot be read', () => {
    expect(() => loadConfig(join(dir, 'missing.yaml'), {})).toThrow(/missing\.yaml: ENOENT/);
  });

  it('gives the operator directory to the store (with monitored) and to the tracker (without)', () => {
    const config = loadConfig(
      file(
        'directory.yaml',
        `tracker:
  directory:
    - { id: ivan, name: Ivan Petrov, devices: [SIP/agent101, PJSIP/101] }
    - { name: The Boss, devices: [SIP/boss], monitored: false }
`,
      ),
      {},
    );
    expect(config.operators).toEqual([
      { key: 'ivan', name: 'Ivan Petrov', devices: ['SIP/agent101', 'PJSIP/101'], monitored: true },
      { key: 'SIP/boss', name: 'The Boss', devices: ['SIP/boss'], monitored: false },
    ]);
    expect(config.tracker.directory).toEqual([
      { id: 'ivan', name: 'Ivan Petrov', devices: ['SIP/agent101', 'PJSIP/101'] },
      { name: 'The Boss', devices: ['SIP/boss'] },
    ]);
  });
});
