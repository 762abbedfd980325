// Checks of what Redline publishes for programs, shared by the tests and scripts/verify-machine-readable.ts:
// the versions API against its JSON Schemas (ajv), Open Terms Archive declarations against their format,
// and JSON-LD against the schema.org vocabulary (the `schema-dts` package's typings of every schema.org
// type and property, read here as data: nothing is fetched).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { root } from './cli.ts';
import { TERMS_TYPE_NAMES } from '../../src/core/terms-types.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface Validators {
  versions: ValidateFunction;
  policies: ValidateFunction;
  ota: ValidateFunction;
}

let validators: Validators | undefined;

/** The versions API's schemas as published (docs/schemas/), and the Open Terms Archive declaration format (test/schemas/). */
export function schemas(): Validators {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const load = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
  ajv.addSchema(load('docs/schemas/versions-1.schema.json'));
  ajv.addSchema(load('docs/schemas/policies-1.schema.json'));
  const ota = load('test/schemas/ota-declaration.schema.json');
  // The terms types the archive knows: the ontology Redline maps policies to.
  (ota.properties as { terms: { propertyNames: unknown } }).terms.propertyNames = { enum: [...TERMS_TYPE_NAMES] };
  validators = { versions: ajv.getSchema('versions-1.schema.json')!, policies: ajv.getSchema('policies-1.schema.json')!, ota: ajv.compile(ota) };
  return validators;
}

/** A validator's errors, one line each ([] when the document is valid). */
export function errorsOf(validate: ValidateFunction, doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export interface Vocabulary {
  /** Every schema.org type, with every property it has (its own and those of the types it extends). */
  types: Map<string, Set<string>>;
  /** Every schema.org property. */
  properties: Set<string>;
}

let vocabulary: Vocabulary | undefined;

/**
 * The schema.org vocabulary, from `schema-dts` (Google's typings of
 * schema.org, generated from its vocabulary file): `interface XBase extends
 * YBase { "property"?: … }` gives a type's own properties and its parents,
 * and `interface XLeaf extends YBase { "@type": "X" }` gives the name a type
 * is written with. Extensions outside schema.org (the FIBO mix-ins,
 * `spec_…`) are left out.
 */
export function schemaOrg(): Vocabulary {
  if (vocabulary) return vocabulary;
  const file = createRequire(import.meta.url).resolve('schema-dts/dist/schema.d.ts');
  const src = readFileSync(file, 'utf8');
  const bases = new Map<string, { parents: string[]; props: string[] }>();
  for (const m of src.matchAll(/^interface (\w+)Base extends ([^{]+)\{\n([\s\S]*?)^\}/gm)) {
    const parents = m[2]!.split(',').map((s) => s.trim()).filter((s) => /^\w+Base$/.test(s) && !s.startsWith('spec_')).map((s) => s.slice(0, -4));
    const props = [...m[3]!.matchAll(/^ {4}"([^"@][^"]*)"\??:/gm)].map((p) => p[1]!);
    bases.set(m[1]!, { parents, props });
  }
  const all = (base: string, seen = new Set<string>()): Set<string> => {
    const out = new Set<string>();
    if (seen.has(base)) return out;
    seen.add(base);
    const b = bases.get(base);
    if (!b) return out;
    for (const p of b.props) out.add(p);
    for (const parent of b.parents) for (const p of all(parent, seen)) out.add(p);
    return out;
  };
  const types = new Map<string, Set<string>>();
  const leaf = /^export (?:interface \w+Leaf extends (\w+)Base \{|type \w+Leaf<[^>]*> = Omit<(\w+)Base, TProperty> & \{)\n {4}"@type": "([^"]+)";/gm;
  for (const m of src.matchAll(leaf)) {
    const base = m[1] ?? m[2]!;
    if (base.startsWith('spec_')) continue;
    types.set(m[3]!, all(base));
  }
  const properties = new Set<string>();
  for (const [name, b] of bases) if (!name.startsWith('spec_')) for (const p of b.props) properties.add(p);
  vocabulary = { types, properties };
  return vocabulary;
}

/**
 * The terms of a JSON-LD document that schema.org does not have: a type it
 * does not define, or a property that is not one of the node's type (or of
 * the types it extends). JSON-LD keywords (`@context`, `@id`, `@type`) are
 * allowed; the context must be schema.org's.
 */
export function foreignTerms(doc: unknown, vocab = schemaOrg()): string[] {
  const out: string[] = [];
  const root = doc as Record<string, unknown>;
  if (root['@context'] !== 'https://schema.org') out.push(`@context is ${JSON.stringify(root['@context'])}, not "https://schema.org"`);
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    const type = obj['@type'];
    const names = type === undefined ? [] : Array.isArray(type) ? type : [type];
    if (names.length === 0) out.push(`${path}: a node without @type`);
    const allowed = new Set<string>();
    for (const t of names) {
      const props = vocab.types.get(String(t));
      if (!props) out.push(`${path}: @type "${String(t)}" is not a schema.org type`);
      else for (const p of props) allowed.add(p);
    }
    for (const [key, value] of Object.entries(obj)) {
      if (key.startsWith('@')) {
        if (!['@context', '@id', '@type'].includes(key)) out.push(`${path}: keyword ${key}`);
        continue;
      }
      if (!vocab.properties.has(key)) out.push(`${path}.${key}: not a schema.org property`);
      else if (names.length > 0 && !allowed.has(key)) out.push(`${path}.${key}: not a property of ${names.join(', ')}`);
      walk(value, `${path}.${key}`);
    }
  };
  walk(doc, '$');
  return out;
}

/** The JSON-LD blocks of an HTML page, parsed. */
export function jsonLdOf(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

/** The `<link>` elements in a page's head: rel, href and type. */
export function headLinks(html: string): Array<{ rel: string; href: string; type?: string }> {
  const head = html.slice(0, html.indexOf('</head>'));
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return [...head.matchAll(/<link\b[^>]*>/g)].map((m) => ({ rel: attr(m[0], 'rel') ?? '', href: (attr(m[0], 'href') ?? '').replaceAll('&amp;', '&'), ...(attr(m[0], 'type') ? { type: attr(m[0], 'type') } : {}) }));
}
