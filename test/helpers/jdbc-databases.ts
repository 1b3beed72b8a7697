// A database of its own on the machine's PostgreSQL or MariaDB, for connector tests; drop() removes it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import mysql from 'mysql2/promise';

export interface TestDatabase {
  engine: 'postgresql' | 'mysql';
  name: string;
  /** The JDBC URL Glue's connection would hold. */
  jdbcUrl: string;
  user: string;
  /** Runs SQL in the database (several statements allowed on MariaDB only one at a time). */
  sql(text: string): Promise<any[]>;
  drop(): Promise<void>;
}

export async function createPgDatabase(): Promise<TestDatabase> {
  const name = `sluice_jdbc_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: name });
  await client.connect();
  return {
    engine: 'postgresql',
    name,
    jdbcUrl: `jdbc:postgresql://127.0.0.1:5432/${name}`,
    user: 'postgres',
    sql: async (text) => (await client.query(text)).rows,
    async drop() {
      await client.end();
      const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createMariaDatabase(): Promise<TestDatabase> {
  const name = `sluice_jdbc_${randomBytes(5).toString('hex')}`;
  const conn = await mysql.createConnection({
    host: '127.0.0.1',
    user: 'root',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
  await conn.query(`CREATE DATABASE ${name}`);
  await conn.query(`USE ${name}`);
  return {
    engine: 'mysql',
    name,
    jdbcUrl: `jdbc:mariadb://127.0.0.1:3306/${name}`,
    user: 'root',
    sql: async (text) => {
      const [rows] = await conn.query(text);
      return Array.isArray(rows) ? rows : [];
    },
    async drop() {
      await conn.query(`DROP DATABASE IF EXISTS ${name}`);
      await conn.end();
    },
  };
}
