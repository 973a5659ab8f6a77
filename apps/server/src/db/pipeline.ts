import { createHash } from 'node:crypto';
import pg from 'pg';
import { serialize } from 'pg-protocol';

/**
 * Several statements sent to PostgreSQL as one pipelined extended-protocol message (Parse, Bind,
 * Describe and Execute per statement, one Sync at the end), answered in one round trip.
 *
 * Everything before the Sync runs as one implicit transaction: a transaction-local setting made by the
 * first statement holds for the rest, and if any statement fails PostgreSQL skips the others and rolls
 * back all of them. Statements are prepared once per connection under a name derived from their text,
 * so the hot reads are planned once rather than on every request. Values travel as parameters.
 *
 * The same bytes go to a PostgreSQL server (through node-postgres' extension point for custom queries)
 * and to PGlite (through `execProtocol`); the answers are read the same way and their values parsed
 * with node-postgres' type parsers, so both backends return the same types.
 */

export interface PipelinedStatement {
  text: string;
  values: unknown[];
}

/** A backend message, as node-postgres and PGlite both parse them. */
export interface BackendMessage {
  name: string;
  fields?: unknown[];
}

export type Rows = Record<string, unknown>[];

/** Statement texts are built from fixed fragments with values as parameters, so this stays small. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `sw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A value as a text-format parameter, as node-postgres would send it. */
function toParameter(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((item) => {
    const text = toParameter(item);
    return text === null ? 'NULL' : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** The message for `statements`, parsing those not yet prepared on the connection. */
export function buildPipeline(
  statements: PipelinedStatement[],
  prepared: Set<string>,
): { message: Buffer; parsing: string[] } {
  const parts: Buffer[] = [];
  const parsing: string[] = [];
  for (const statement of statements) {
    const name = statementName(statement.text);
    if (!prepared.has(name) && !parsing.includes(name)) {
      parts.push(serialize.parse({ name, text: statement.text }));
      parsing.push(name);
    }
    parts.push(serialize.bind({ statement: name, values: statement.values.map(toParameter) }));
    parts.push(serialize.describe({ type: 'P' }));
    parts.push(serialize.execute({}));
  }
  parts.push(serialize.sync());
  return { message: Buffer.concat(parts), parsing };
}

interface FieldInfo {
  name: string;
  dataTypeID: number;
}

/** Reads the answer to one pipeline: each statement's rows, or the error that stopped it. */
export class PipelineAnswer {
  readonly results: Rows[] = [];
  error: unknown;
  /** How many of the statements sent for parsing were parsed (they are parsed in order). */
  parsed = 0;
  private fields: FieldInfo[] = [];
  private parsers: ((text: string) => unknown)[] = [];
  private rows: Rows = [];

  take(message: BackendMessage, name = message.name): void {
    switch (name) {
      case 'parseComplete':
        this.parsed += 1;
        break;
      case 'rowDescription':
        this.fields = (message.fields ?? []) as FieldInfo[];
        this.parsers = this.fields.map((field) => pg.types.getTypeParser(field.dataTypeID, 'text'));
        break;
      case 'noData':
        this.fields = [];
        this.parsers = [];
        break;
      case 'dataRow': {
        const values = message.fields ?? [];
        const row: Record<string, unknown> = {};
        for (let i = 0; i < this.fields.length; i += 1) {
          const value = values[i];
          const field = this.fields[i] as FieldInfo;
          row[field.name] = value === null || value === undefined ? null : this.parsers[i]?.(String(value));
        }
        this.rows.push(row);
        break;
      }
      case 'commandComplete':
      case 'emptyQuery':
        this.results.push(this.rows);
        this.rows = [];
        break;
      case 'error':
        this.error ??= message;
        break;
    }
  }
}

/** Connection state node-postgres keeps per client; the names prepared here are recorded on it. */
interface PgConnection {
  stream: { write(data: Buffer): boolean };
  on(event: string, listener: (message: BackendMessage) => void): void;
  removeListener(event: string, listener: (message: BackendMessage) => void): void;
  stepwisePrepared?: Set<string>;
}

/**
 * A custom query for node-postgres (its "submittable" extension point): writes the whole pipeline at
 * once and hands every backend message to a PipelineAnswer.
 */
class PgPipelineQuery {
  callback: ((error: unknown, results?: Rows[]) => void) | undefined;
  private readonly answer = new PipelineAnswer();
  private parsing: string[] = [];
  private connection: PgConnection | undefined;
  private readonly onParseComplete = (message: BackendMessage) => this.answer.take(message);

  constructor(private readonly statements: PipelinedStatement[]) {}

  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.stepwisePrepared ??= new Set();
    const { message, parsing } = buildPipeline(this.statements, connection.stepwisePrepared);
    this.parsing = parsing;
    // node-postgres does not pass ParseComplete on to custom queries; count them directly.
    connection.on('parseComplete', this.onParseComplete);
    connection.stream.write(message);
  }

  handleRowDescription(message: BackendMessage) {
    this.answer.take(message, 'rowDescription');
  }
  handleDataRow(message: BackendMessage) {
    this.answer.take(message, 'dataRow');
  }
  handleCommandComplete(message: BackendMessage) {
    this.answer.take(message, 'commandComplete');
  }
  handleEmptyQuery() {
    this.answer.take({ name: 'emptyQuery' });
  }
  /**
   * node-postgres stops routing to a query once it fails, so this is the last call on an error. Nothing
   * more is parsed after an error either: PostgreSQL skips everything up to the Sync.
   */
  handleError(error: unknown) {
    this.answer.error ??= error;
    this.finish();
  }
  handlePortalSuspended() {}
  handleCopyInResponse() {}
  handleCopyData() {}

  handleReadyForQuery() {
    this.finish();
  }

  private finish() {
    const { connection, callback } = this;
    if (!callback) return;
    this.callback = undefined;
    if (connection) {
      connection.removeListener('parseComplete', this.onParseComplete);
      for (const name of this.parsing.slice(0, this.answer.parsed)) connection.stepwisePrepared?.add(name);
    }
    if (this.answer.error) callback(this.answer.error);
    else callback(null, this.answer.results);
  }
}

/** Runs a pipeline on a node-postgres client. */
export function pipelineOnPg(client: pg.PoolClient, statements: PipelinedStatement[]): Promise<Rows[]> {
  return new Promise((resolve, reject) => {
    const query = new PgPipelineQuery(statements);
    query.callback = (error, results) => (error ? reject(error) : resolve(results ?? []));
    client.query(query as unknown as pg.QueryConfig);
  });
}

/** What PipelineAnswer needs from PGlite: its protocol entry point, run with its locks held. */
export interface PgliteProtocol {
  execProtocol(
    message: Uint8Array,
    options: { throwOnError?: boolean },
  ): Promise<{ messages: BackendMessage[] }>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
}

const pglitePrepared = new WeakMap<object, Set<string>>();

/**
 * Runs a pipeline on PGlite. It takes the same two locks as PGlite's own `query` (the transaction lock
 * first), so it never lands inside another caller's open transaction.
 */
export async function pipelineOnPglite(
  client: PgliteProtocol,
  statements: PipelinedStatement[],
): Promise<Rows[]> {
  let prepared = pglitePrepared.get(client);
  if (!prepared) {
    prepared = new Set();
    pglitePrepared.set(client, prepared);
  }
  const known = prepared;
  return client._runExclusiveTransaction(() =>
    client._runExclusiveQuery(async () => {
      const { message, parsing } = buildPipeline(statements, known);
      const { messages } = await client.execProtocol(message, { throwOnError: false });
      const answer = new PipelineAnswer();
      for (const each of messages) answer.take(each);
      for (const name of parsing.slice(0, answer.parsed)) known.add(name);
      if (answer.error) throw answer.error;
      return answer.results;
    }),
  );
}
