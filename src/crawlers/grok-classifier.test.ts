// Grok: pattern expansion, typed fields, custom patterns, and the built-in Apache log classifiers.
import { describe, expect, it } from 'vitest';
import { classifyGrok, BUILTIN_LOGS } from './grok-classifier.js';
import { compileGrok, matchGrok } from './grok.js';
import { renderType } from './glue-type.js';
import type { TextSample } from './text-sample.js';
import { SluiceError } from '../kernel/errors.js';

const sample = (text: string): TextSample => ({ text, complete: true, compression: 'none' });
const cols = (v: ReturnType<typeof classifyGrok>) => v.schema?.columns.map((c) => `${c.name}:${renderType(c.type)}`);

const APP_LOG =
  '2024-03-04T10:00:00Z INFO [web-1] 200 served /index.html in 12ms\n2024-03-04T10:00:01Z WARN [web-2] 404 served /nope in 3ms\n';

describe('grok classifier', () => {
  it('turns %{PATTERN:field:type} into typed columns', () => {
    const spec = {
      classification: 'applog',
      pattern:
        '%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} \\[%{HOSTNAME:host}\\] %{INT:status:int} served %{URIPATH:path} in %{NUMBER:ms:long}ms',
    };
    const v = classifyGrok(sample(APP_LOG), spec);
    expect(v.certainty).toBe(1);
    expect(cols(v)).toEqual(['ts:string', 'level:string', 'host:string', 'status:int', 'path:string', 'ms:bigint']);
    expect(v.schema!.format).toMatchObject({
      classification: 'applog',
      serdeLibrary: 'com.amazonaws.glue.serde.GrokSerDe',
      serdeParameters: { 'input.format': spec.pattern },
    });
    expect(v.schema!.records).toBe(2);
  });

  it('uses custom patterns, and its certainty is the share of lines that match', () => {
    const spec = { classification: 'tickets', pattern: '%{TICKET:id} %{GREEDYDATA:title}', customPatterns: 'TICKET [A-Z]{2,5}-\\d+' };
    const v = classifyGrok(sample('ABC-12 fix login\nXY-3 add export\nnot a ticket line\n'), spec);
    expect(v.certainty).toBeCloseTo(2 / 3);
    expect(cols(v)).toEqual(['id:string', 'title:string']);
    expect(matchGrok(compileGrok(spec.pattern, spec.customPatterns), 'ABC-12 fix login')?.get('id')).toBe('ABC-12');
  });

  it('recognises Apache combined logs with the built-in classifier', () => {
    const line =
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08"';
    const v = classifyGrok(sample(`${line}\n${line}\n`), BUILTIN_LOGS[0]);
    expect(v.certainty).toBe(1);
    expect(v.schema!.format.classification).toBe('combined_apache');
    expect(cols(v)).toContain('clientip:string');
    expect(cols(v)).toContain('agent:string');
  });

  it('refuses undefined patterns, unknown types and broken regular expressions', () => {
    expect(() => compileGrok('%{NOPE:x}')).toThrow(/not defined/);
    expect(() => compileGrok('%{INT:x:decimal}')).toThrow(/types are/);
    expect(() => compileGrok('%{INT:x} (')).toThrow(SluiceError);
  });
});
