import { describe, expect, it } from 'vitest';
import { resolveClientOptions } from '../../src/client/client-options.js';
import { normalizeInstanceUrl } from '../../src/client/instance-url.js';
import { ConfigurationError } from '../../src/core/errors.js';

const basic = { type: 'basic', username: 'u', password: 'hunter2-secret' } as const;

describe('normalizeInstanceUrl', () => {
  it('normalises accepted forms to an origin', () => {
    expect(normalizeInstanceUrl('https://acme.service-now.com')).toBe(
      'https://acme.service-now.com',
    );
    expect(normalizeInstanceUrl('https://acme.service-now.com/')).toBe(
      'https://acme.service-now.com',
    );
    expect(normalizeInstanceUrl(' HTTPS://Acme.Service-Now.com ')).toBe(
      'https://acme.service-now.com',
    );
    expect(normalizeInstanceUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeInstanceUrl('acme')).toBe('https://acme.service-now.com');
    expect(normalizeInstanceUrl('dev-12345')).toBe('https://dev-12345.service-now.com');
  });

  it.each([
    ['', /expected an http/],
    ['ftp://acme.service-now.com', /protocol ftp:/],
    ['javascript:alert(1)', /protocol/],
    ['https://user:pw@acme.service-now.com', /credentials/],
    ['https://acme.service-now.com/api/now', /path/],
    ['https://acme.service-now.com/..%2f', /path/],
    ['https://acme.service-now.com?x=1', /query/],
    ['https://acme.service-now.com/#frag', /fragment/],
    ['not a url', /not a URL/],
  ])('rejects %j', (input, why) => {
    expect(() => normalizeInstanceUrl(input)).toThrow(ConfigurationError);
    expect(() => normalizeInstanceUrl(input)).toThrow(why);
    try {
      normalizeInstanceUrl(input);
    } catch (error) {
      expect((error as ConfigurationError).option).toBe('instanceUrl');
    }
  });

  it('never echoes a password given in the URL', () => {
    expect(() => normalizeInstanceUrl('https://user:pw-s3cret@acme.service-now.com')).toThrow(
      /^(?!.*pw-s3cret)/s,
    );
  });

  it.each([
    'https://acme.service-now.com/#access_token=tok-s3cret-123',
    'https://acme.service-now.com#tok-s3cret-123',
    'https://acme.service-now.com/?x=1#access_token=tok-s3cret-123',
    'https://acme.service-now.com/?access_token=tok-s3cret-123',
    'not a url?access_token=tok-s3cret-123',
    'not a url#access_token=tok-s3cret-123',
    'https://acme.service-now.com/api/now#id_token=tok-s3cret-123',
  ])('never echoes a token given in the URL: %j', (input) => {
    let message = '';
    try {
      normalizeInstanceUrl(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      message = (error as ConfigurationError).message;
    }
    expect(message).toMatch(/instanceUrl/);
    expect(message).not.toContain('tok-s3cret-123');
    expect(message).toContain('REDACTED');
  });
});

describe('resolveClientOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveClientOptions({ instanceUrl: 'acme', auth: basic });
    expect(resolved).toMatchObject({
      origin: 'https://acme.service-now.com',
      timeoutMs: 60_000,
      rateLimit: { maxInFlight: 4, intervalCap: undefined, interval: undefined },
      userAgent: 'servicenow-sync',
      sessionCookies: true,
    });
    expect(resolved.retry.maxAttempts).toBe(5);
  });

  it('names the bad option and value, and never echoes secrets', () => {
    const bad = (options: object) => {
      try {
        resolveClientOptions({ instanceUrl: 'acme', auth: basic, ...options });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        return (error as ConfigurationError).message;
      }
      throw new Error('expected a ConfigurationError');
    };
    expect(bad({ timeoutMs: -5 })).toMatch(/timeoutMs.*received -5/);
    expect(bad({ rateLimit: { maxInFlight: 0 } })).toMatch(/rateLimit\.maxInFlight.*received 0/);
    expect(bad({ rateLimit: { intervalCap: 10 } })).toMatch(/rateLimit\.interval/);
    expect(bad({ timeoutMs: 5, tiemout: 3 })).toMatch(/tiemout/);
    const authMessage = bad({ auth: { type: 'basic', username: '', password: 'hunter2-secret' } });
    expect(authMessage).toMatch(/auth\.username/);
    expect(authMessage).not.toContain('hunter2-secret');
    const oauth = bad({
      auth: { type: 'oauth', clientId: 'id', clientSecret: 'cs-s3cret', username: 'u' },
    });
    expect(oauth).toMatch(/auth\.username/);
    expect(oauth).not.toContain('cs-s3cret');
    expect(bad({ auth: { type: 'kerberos' } })).toMatch(/auth/);
  });

  it('refuses tls together with fetch', () => {
    expect(() =>
      resolveClientOptions({ instanceUrl: 'acme', auth: basic, fetch, tls: { ca: 'PEM' } }),
    ).toThrow(/tls cannot be combined with fetch/);
  });
});
