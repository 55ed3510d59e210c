/**
 * Transport behaviour the mock server cannot show: a private CA over HTTPS, gzip through the
 * node fetch, redirects, connection failures, and an injected `fetch`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InstanceUnavailableError,
  ServiceNowClient,
  type ServiceNowClientOptions,
} from '../../src/client/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
const clients: ServiceNowClient[] = [];
const auth = { type: 'basic', username: 'u', password: 'transport-secret' } as const;
const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function client(options: ServiceNowClientOptions): ServiceNowClient {
  const created = new ServiceNowClient(options);
  clients.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          (s as ReturnType<typeof createHttpServer>).closeAllConnections?.();
          s.close(resolve);
        }),
    ),
  );
});

function makeCertificates(): { ca: string; key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'sn-tls-'));
  try {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=sn test CA',
    ]);
    run(['req', ...ec, '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=localhost']);
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    run([
      'x509',
      '-req',
      '-in',
      'srv.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'srv.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    ]);
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return { ca: read('ca.pem'), key: read('srv.key'), cert: read('srv.pem') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const certificates = makeCertificates();
if (!certificates) console.warn('transport.test: openssl not available, TLS tests skipped');

describe.skipIf(!certificates)('private CA (tls.ca)', () => {
  it('trusts the CA for this client only, with gzip bodies, and never disables verification', async () => {
    const { ca, key, cert } = certificates!;
    const handler: Handler = (req, res) => {
      const body = gzipSync(JSON.stringify({ result: { stats: { count: '42' } } }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(req.headers['accept-encoding']?.includes('gzip') ? body : '');
    };
    const port = await listen(createHttpsServer({ key, cert }, handler));
    const instanceUrl = `https://127.0.0.1:${port}`;
    const trusted = client({ instanceUrl, auth, tls: { ca }, retry: fast });
    expect(await trusted.count('incident')).toBe(42);
    const untrusted = client({ instanceUrl, auth, retry: fast });
    const error = await untrusted.count('incident').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InstanceUnavailableError);
    expect((error as InstanceUnavailableError).reason).toBe('network');
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  });
});

describe('transport failures', () => {
  it('reports a refused connection as InstanceUnavailableError after the retries', async () => {
    const port = await listen(createHttpServer());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const c = client({ instanceUrl: `http://127.0.0.1:${port}`, auth, retry: fast });
    const error = (await c.count('incident').catch((e: unknown) => e)) as InstanceUnavailableError;
    expect(error).toBeInstanceOf(InstanceUnavailableError);
    expect(error.reason).toBe('network');
    expect(error.attempts).toBe(3);
    expect(c.metrics.retries).toBe(2);
    expect(error.message).toMatch(
      /^\[GET\] http:\/\/127\.0\.0\.1:\d+\/api\/now\/stats\/incident: no response/,
    );
  });

  it('does not follow redirects (login pages) and reports them as unavailable', async () => {
    let hits = 0;
    const port = await listen(
      createHttpServer((_req, res) => {
        hits++;
        res.writeHead(302, { location: 'https://login.example.com/sso' });
        res.end();
      }),
    );
    const c = client({ instanceUrl: `http://127.0.0.1:${port}`, auth, retry: fast });
    const error = (await c.count('incident').catch((e: unknown) => e)) as InstanceUnavailableError;
    expect(error).toBeInstanceOf(InstanceUnavailableError);
    expect(error.reason).toBe('redirect');
    expect(hits).toBe(3);
  });

  it('sends every request through an injected fetch', async () => {
    const seen: string[] = [];
    const fakeFetch = async (input: string | URL | Request) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ result: { stats: { count: '7' } } }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const c = client({ instanceUrl: 'acme', auth, fetch: fakeFetch });
    expect(await c.count('incident', 'active=true')).toBe(7);
    expect(seen).toEqual([
      'https://acme.service-now.com/api/now/stats/incident?sysparm_count=true&sysparm_query=active%3Dtrue',
    ]);
  });
});
