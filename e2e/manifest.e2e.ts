import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './browser';

/**
 * Permissions: the built manifest asks for exactly the permissions the README's Permissions table explains, no more;
 * extension pages run under a strict content security policy.
 */

const root = join(import.meta.dirname, '..');
const FIREFOX_DIR = join(root, '.output', 'firefox-mv2');

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: string | { extension_pages?: string; sandbox?: string };
  content_scripts?: { matches: string[] }[];
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/** The README's Permissions table: every backticked name in its first column ("(Chrome only)" rows kept apart too). */
function explained(): { permissions: Set<string>; hosts: Set<string>; chromeOnly: Set<string> } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## Permissions\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const permissions = new Set<string>();
  const hosts = new Set<string>();
  const chromeOnly = new Set<string>();
  for (const line of section.split('\n')) {
    const cell = /^\|([^|]+)\|/.exec(line)?.[1];
    if (!cell || /^\s*-+\s*$/.test(cell) || /permission/i.test(cell.replace(/`[^`]*`/g, ''))) continue;
    for (const [, name] of cell.matchAll(/`([^`]+)`/g)) {
      if (name === 'host_permissions') continue;
      (name!.includes('://') || name === '<all_urls>' ? hosts : permissions).add(name!);
      if (/\(Chrome only\)/i.test(cell)) chromeOnly.add(name!);
    }
  }
  return { permissions, hosts, chromeOnly };
}

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

function expectStrictCsp(csp: string | undefined) {
  expect(csp, 'extension pages have a content security policy').toBeTruthy();
  expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'|unsafe-hashes|\*|https?:|data:|blob:/);
  const d = directives(csp!);
  expect(d.get('object-src')).toEqual(["'none'"]);
  const script = d.get('script-src') ?? d.get('default-src');
  expect(script?.[0]).toBe("'self'");
  // 'wasm-unsafe-eval' is the one addition MV3 allows for on-device models; nothing else.
  expect(script!.filter((s) => s !== "'self'" && s !== "'wasm-unsafe-eval'")).toEqual([]);
}

describe('Chrome MV3 manifest (.output/chrome-mv3)', () => {
  const m = manifest(EXTENSION_DIR);
  const readme = explained();

  it('the README explains a non-empty set of permissions (the parser sees the table)', () => {
    expect(readme.permissions.size).toBeGreaterThanOrEqual(3);
    expect(readme.hosts.size).toBeGreaterThanOrEqual(1);
  });

  it('asks for exactly the permissions the README explains', () => {
    expect(new Set(m.permissions ?? [])).toEqual(readme.permissions);
    expect(new Set(m.optional_permissions ?? []).size, 'optional permissions unexplained').toBe(0);
  });

  it('asks for exactly the hosts the README explains, and content scripts stay within them', () => {
    expect(new Set(m.host_permissions ?? [])).toEqual(readme.hosts);
    expect(new Set(m.optional_host_permissions ?? []).size).toBe(0);
    for (const cs of m.content_scripts ?? []) for (const match of cs.matches) expect(readme.hosts).toContain(match);
  });

  it('web pages cannot reach the extension: no externally_connectable, no web-accessible resources', () => {
    expect(m.externally_connectable).toBeUndefined();
    expect(m.web_accessible_resources ?? []).toEqual([]);
  });

  it("extension pages' CSP is strict: script-src 'self', object-src 'none', no unsafe-inline or unsafe-eval", () => {
    const csp = typeof m.content_security_policy === 'object' ? m.content_security_policy.extension_pages : m.content_security_policy;
    expectStrictCsp(csp);
  });
});

describe('Firefox MV2 manifest (.output/firefox-mv2)', () => {
  const built = existsSync(join(FIREFOX_DIR, 'manifest.json'));
  it.skipIf(!built)('same permissions (hosts are permissions in MV2) and a strict CSP (skipped: run `npx wxt build -b firefox` first)', () => {
    const m = manifest(FIREFOX_DIR);
    const readme = explained();
    const firefox = [...readme.permissions].filter((p) => !readme.chromeOnly.has(p));
    expect(new Set(m.permissions ?? [])).toEqual(new Set([...firefox, ...readme.hosts]));
    const csp = typeof m.content_security_policy === 'object' ? m.content_security_policy.extension_pages : m.content_security_policy;
    expectStrictCsp(csp);
  });
});
