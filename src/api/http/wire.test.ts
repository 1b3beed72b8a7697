import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from './wire.js';
import { errorFromResponse, errorResponse, operationOf, parseBody } from './protocol.js';
import { SluiceError } from '../../kernel/errors.js';

describe('AWS JSON 1.1 wire values', () => {
  it('writes Dates as epoch seconds with the milliseconds as a fraction, and blobs as base64', () => {
    const d = new Date('2026-01-02T03:04:05.678Z');
    expect(JSON.parse(encodeWire({ Table: { CreateTime: d, Tags: [d] }, Bytes: new Uint8Array([1, 2, 255]) }))).toEqual({
      Table: { CreateTime: 1767323045.678, Tags: [1767323045.678] },
      Bytes: 'AQL/',
    });
  });

  it('revives timestamps by the output shape, exactly to the millisecond', () => {
    // 0.001 steps are where binary floating point loses exactness on the way back.
    for (const ms of [1767323045678, 1767323045001, 1767323045999, 0]) {
      const wire = JSON.parse(encodeWire({ Database: { Name: 'x', CreateTime: new Date(ms), Parameters: { CreateTime: '7' } } }));
      const back = decodeWire('GetDatabaseResponse', wire) as { Database: { CreateTime: Date; Parameters: Record<string, string> } };
      expect(back.Database.CreateTime.getTime()).toBe(ms);
      expect(back.Database.Parameters.CreateTime).toBe('7');
    }
    expect(decodeWire(undefined, { a: 1 })).toEqual({ a: 1 });
  });
});

describe('AWS JSON 1.1 protocol', () => {
  it('takes the operation from X-Amz-Target', () => {
    expect(operationOf('AWSGlue.GetTable')).toBe('GetTable');
    expect(() => operationOf(undefined)).toThrow(expect.objectContaining({ type: 'UnknownOperationException' }));
    expect(() => operationOf('DynamoDB_20120810.GetItem')).toThrow(/DynamoDB_20120810.GetItem is not supported/);
  });

  it('reads empty bodies as empty input and rejects broken JSON with SerializationException', () => {
    expect(parseBody(Buffer.from(''))).toEqual({});
    expect(() => parseBody(Buffer.from('{'))).toThrow(expect.objectContaining({ type: 'SerializationException' }));
  });

  it('writes client errors as 400 and faults as 500, with the type in the header and the body', () => {
    const nf = errorResponse(new SluiceError('EntityNotFoundException', 'Database x not found.'));
    expect(nf).toEqual({
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'EntityNotFoundException' },
      body: '{"__type":"EntityNotFoundException","message":"Database x not found."}',
    });
    expect(errorResponse(new Error('disk on fire')).status).toBe(500);
    expect(JSON.parse(errorResponse(new Error('disk on fire')).body).__type).toBe('InternalServiceException');
  });

  it('reads error responses back, as the SDKs do', () => {
    const e = errorFromResponse(400, null, '{"__type":"com.amazonaws.glue#EntityNotFoundException","Message":"gone"}');
    expect(e).toMatchObject({ type: 'EntityNotFoundException', message: 'gone' });
    expect(errorFromResponse(400, 'AccessDeniedException:http://internal/', '').type).toBe('AccessDeniedException');
    expect(errorFromResponse(502, null, '<html>bad gateway</html>')).toMatchObject({
      type: 'InternalServiceException',
      message: '<html>bad gateway</html>',
    });
  });
});
