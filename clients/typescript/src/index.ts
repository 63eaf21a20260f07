// The lamtheobac API client for frontends: openapi-fetch over the types that openapi-typescript
// generates from openapi.yaml (src/schema.d.ts, never edited by hand; `make generate`).
//
// What it adds to openapi-fetch: the bearer token on every call, and answers discriminated by
// their HTTP status, so that `switch (answer.status)` narrows the body to what the spec declares
// for that status (the model for 200, a Problem for 409/412/422, nothing for 304). A status the
// spec does not declare for an operation is a type error, which is why the spec declares every
// answer the service gives.

import createClient, {
  type Client,
  type ClientOptions,
  type MaybeOptionalInit,
  type Middleware,
  type ParseAsResponse,
} from "openapi-fetch";
import type { ErrorStatus, HttpMethod, OkStatus, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** An RFC 9457 problem, the body of every error answer. */
export type Problem = components["schemas"]["Problem"];

/** The schemas of the spec by name, e.g. `Schema<"Model">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

/** The body of one declared response: the value of its single media type, or undefined. */
type Body<Response> = Response extends { content: infer Content }
  ? Content extends Record<string, unknown>
    ? Content[keyof Content]
    : undefined
  : undefined;

/**
 * One declared answer: `data` for 2xx, `error` (a Problem) for 4xx and 5xx, neither for 3xx
 * (a 304 has no body; the caller keeps what it read with the ETag it sent).
 */
type Arm<Status extends number, Response, Init> = Status extends OkStatus
  ? { status: Status; data: ParseAsResponse<Body<Response>, Init>; error?: never; response: globalThis.Response }
  : Status extends ErrorStatus
    ? { status: Status; data?: never; error: Body<Response>; response: globalThis.Response }
    : { status: Status; data?: never; error?: never; response: globalThis.Response };

/**
 * Every answer an operation declares, as a union discriminated by `status`. `Init` is the
 * request's options (its `parseAs` decides the type of `data`).
 */
export type Answer<Operation, Init = object> = Operation extends { responses: infer Responses }
  ? { [Status in keyof Responses & number]: Arm<Status, Responses[Status], Init> }[keyof Responses & number]
  : never;

/** The answers of an operation named by its operationId, e.g. `AnswerOf<"updateModel">`. */
export type AnswerOf<OperationId extends keyof operations> = Answer<operations[OperationId]>;

/** openapi-fetch's rule: the options argument is required when the operation has required parameters or a body. */
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** A call of one HTTP method, typed by the path, answering the discriminated union. */
export type AnswerMethod<Method extends HttpMethod> = <
  Path extends PathsWithMethod<paths, Method>,
  Init extends MaybeOptionalInit<paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<Answer<paths[Path][Method], Init>>;

/** The client: the API's operations by method and path, each answering `Answer`. */
export interface LamtheobacClient {
  GET: AnswerMethod<"get">;
  POST: AnswerMethod<"post">;
  PUT: AnswerMethod<"put">;
  PATCH: AnswerMethod<"patch">;
  DELETE: AnswerMethod<"delete">;
  /** The underlying openapi-fetch client (`{data, error, response}` answers), for what the wrapper does not cover. */
  raw: Client<paths>;
}

/** Options of createLamtheobacClient. */
export interface LamtheobacClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** The service's address, e.g. `https://lamtheobac.example.vn` (paths start with `/api/v1`). */
  baseUrl: string;
  /**
   * The current access token, or undefined while logged out. Called before every request, so a
   * frontend can refresh the token (POST /api/v1/auth/refresh) here when it is about to expire.
   */
  getToken?: () => string | undefined | Promise<string | undefined>;
}

/**
 * The routes that exchange credentials for tokens. They never get the bearer token: the
 * service answers 401 to any bad token, even on public routes, and an expired token must not
 * stop the login that replaces it.
 */
const credentialRoutes: ReadonlySet<string> = new Set<PathsWithMethod<paths, "post">>([
  "/api/v1/auth/login",
  "/api/v1/auth/refresh",
  "/api/v1/auth/logout",
  "/api/v1/auth/token",
]);

/** bearerAuth adds `Authorization: Bearer <token>` unless the caller set one or the route is a credential route. */
export function bearerAuth(getToken: NonNullable<LamtheobacClientOptions["getToken"]>): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      if (credentialRoutes.has(schemaPath) || request.headers.has("Authorization")) {
        return undefined;
      }
      const token = await getToken();
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
  };
}

/** The shape openapi-fetch answers at run time, whatever the operation. */
interface RawAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * withStatus adds the discriminant. A 3xx carries neither data nor error: openapi-fetch reads
 * a 304's empty body as an error text.
 */
function withStatus(raw: RawAnswer): { status: number } & RawAnswer {
  const status = raw.response.status;
  if (status >= 300 && status < 400) {
    return { status, response: raw.response };
  }
  return { ...raw, status };
}

/** createLamtheobacClient makes the client for one service address. */
export function createLamtheobacClient(options: LamtheobacClientOptions): LamtheobacClient {
  const { getToken, ...clientOptions } = options;
  const raw = createClient<paths>(clientOptions);
  if (getToken) {
    raw.use(bearerAuth(getToken));
  }
  // openapi-fetch checks the arguments against the spec's types at the call site; here the
  // call is generic over every path, so its types are restated through `never`.
  const call =
    (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE") =>
    async (url: string, ...init: unknown[]) => {
      const send = raw[method] as unknown as (url: string, ...init: unknown[]) => Promise<RawAnswer>;
      return withStatus(await send(url, ...init)) as never;
    };
  return { GET: call("GET"), POST: call("POST"), PUT: call("PUT"), PATCH: call("PATCH"), DELETE: call("DELETE"), raw };
}

/**
 * isNotModified narrows an answer to its 304 arm. It type-checks whether or not the operation
 * declares 304 (when it does not, the narrowed branch is `never`), so code that revalidates
 * with If-None-Match needs no change when the spec adds the declaration.
 */
export function isNotModified<A extends { status: number }>(answer: A): answer is Extract<A, { status: 304 }> {
  return answer.status === 304;
}

/** etagOf is the answer's ETag header, for a later If-Match (writes) or If-None-Match (reads). */
export function etagOf(answer: { response: Response }): string | undefined {
  return answer.response.headers.get("ETag") ?? undefined;
}

/**
 * ProblemError carries an answer the caller did not expect (or chose not to handle) as an
 * exception, with the service's Problem when the answer has one: `code` is stable, `detail`
 * and `errors[]` are for people.
 */
export class ProblemError extends Error {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The answer's problem+json body, when it has one. */
  readonly problem: Problem | undefined;

  constructor(what: string, answer: { status: number; error?: Problem | undefined }) {
    const problem = answer.error;
    super(`${what}: ${answer.status} ${problem ? `${problem.code}: ${problem.detail ?? problem.title}` : "(no body)"}`);
    this.name = "ProblemError";
    this.status = answer.status;
    this.problem = problem;
  }
}
