// s3rver ships no types; only what test/helpers/s3-server.ts uses is declared.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface StoredObject {
    key: string;
    size: number;
    lastModifiedDate: Date;
    metadata: Record<string, string | undefined>;
  }
  export default class S3rver {
    constructor(options?: { silent?: boolean; directory?: string });
    /** The Koa request handler, for mounting on our own http server. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    logger?: { close?: () => void };
    store: {
      putBucket(name: string): Promise<unknown>;
      getBucket(name: string): Promise<unknown>;
      listObjects(bucket: string, options: { prefix?: string; maxKeys?: number }): Promise<{ objects: StoredObject[] }>;
    };
  }
}
