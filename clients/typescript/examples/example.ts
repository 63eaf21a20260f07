// A frontend's session with the API, typed end to end: log in, find a unit, list its models,
// revalidate a model with If-None-Match (304), and rename it with If-Match, handling the
// answers the spec declares for that write (409, 412, 422). Every `switch (answer.status)`
// below narrows the body to what the spec declares for that status; a status the spec does not
// declare for the operation would not compile.
//
// Type-checked by `make check-client` (strict). To run it against `make run`, compile it with
// tsc and call example({ baseUrl: "http://localhost:8080", username: "cell.secretary",
// password: "demo12345", unitCode: "CB-VP" }).

import {
  createLamtheobacClient,
  etagOf,
  isNotModified,
  ProblemError,
  type LamtheobacClient,
  type Schema,
} from "../src/index.js";

type Model = Schema<"Model">;

/** A read kept with the ETag it came with: If-None-Match revalidates it, If-Match writes over it. */
interface Kept<T> {
  value: T;
  etag: string;
}

/** What the example needs to know. */
export interface ExampleOptions {
  baseUrl: string;
  username: string;
  password: string;
  /** The code of a unit the user can read, e.g. CB-VP in the demo. */
  unitCode: string;
  log?: (line: string) => void;
}

/** example runs the session and logs what happens at each step. */
export async function example(options: ExampleOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  let accessToken: string | undefined;
  const api = createLamtheobacClient({ baseUrl: options.baseUrl, getToken: () => accessToken });

  // Log in. The login answers 200 with tokens; 423 (locked) and 429 (too many attempts) carry
  // Retry-After; anything else is a Problem worth showing as is.
  const login = await api.POST("/api/v1/auth/login", {
    body: { username: options.username, password: options.password },
  });
  switch (login.status) {
    case 200:
      accessToken = login.data.access_token;
      log(`logged in; the token expires in ${login.data.expires_in} s`);
      break;
    case 423:
    case 429:
      throw new ProblemError(`login refused, retry in ${login.response.headers.get("Retry-After") ?? "?"} s`, login);
    default:
      throw new ProblemError("login", login);
  }

  // Find the unit by its code, then list its models.
  const unit = await api.GET("/api/v1/unit-by-code/{code}", { params: { path: { code: options.unitCode } } });
  if (unit.status !== 200) {
    throw new ProblemError(`unit ${options.unitCode}`, unit);
  }
  const list = await api.GET("/api/v1/units/{unitId}/models", {
    params: { path: { unitId: unit.data.id }, query: { scope: "own", limit: 20 } },
  });
  if (list.status !== 200) {
    throw new ProblemError(`models of ${unit.data.code}`, list);
  }
  for (const m of list.data.items) {
    log(`${m.year} ${m.status.padEnd(11)} ${m.name} (may: ${m.allowed_actions.join(", ") || "nothing"})`);
  }
  const first = list.data.items[0];
  if (!first) {
    log(`${unit.data.code} has no models yet`);
    return;
  }

  // Read one model with its ETag, then revalidate it: 304 means the copy held is current.
  let model = await readModel(api, first.id);
  model = await revalidate(api, model, log);

  // A write with a stale ETag is refused with 412 ...
  await rename(api, { value: model.value, etag: '"0"' }, model.value.name, log);
  // ... and with the current one it succeeds, unless the model's state forbids editing (409).
  await rename(api, model, model.value.name, log);
}

/** readModel reads a model with the ETag for later revalidation and writes. */
async function readModel(api: LamtheobacClient, modelId: string): Promise<Kept<Model>> {
  const answer = await api.GET("/api/v1/models/{modelId}", { params: { path: { modelId } } });
  if (answer.status !== 200) {
    throw new ProblemError(`model ${modelId}`, answer);
  }
  return { value: answer.data, etag: etagOf(answer) ?? "" };
}

/** revalidate asks whether the model changed since it was read: 304 keeps the copy, 200 replaces it. */
async function revalidate(api: LamtheobacClient, kept: Kept<Model>, log: (line: string) => void): Promise<Kept<Model>> {
  const answer = await api.GET("/api/v1/models/{modelId}", {
    params: { path: { modelId: kept.value.id } },
    headers: { "If-None-Match": kept.etag },
  });
  if (isNotModified(answer)) {
    log(`"${kept.value.name}" is unchanged (304): keeping the copy`);
    return kept;
  }
  if (answer.status !== 200) {
    throw new ProblemError(`model ${kept.value.id}`, answer);
  }
  log(`"${answer.data.name}" changed since it was read: replacing the copy`);
  return { value: answer.data, etag: etagOf(answer) ?? "" };
}

/**
 * rename writes a new name over the version read (If-Match) and handles each answer the spec
 * declares for PATCH /models/{modelId}. It answers the model as written, or undefined when the
 * write was refused for a reason the user must act on.
 */
async function rename(
  api: LamtheobacClient,
  kept: Kept<Model>,
  name: string,
  log: (line: string) => void,
): Promise<Kept<Model> | undefined> {
  const answer = await api.PATCH("/api/v1/models/{modelId}", {
    params: { path: { modelId: kept.value.id }, header: { "If-Match": kept.etag } },
    body: { name },
  });
  switch (answer.status) {
    case 200:
      log(`renamed to "${answer.data.name}" (version ${answer.data.version})`);
      return { value: answer.data, etag: etagOf(answer) ?? "" };
    case 409:
      // The state forbids the edit (code invalid_transition): only draft and returned models
      // are edited; allowed_actions told the user so before they tried.
      log(`not editable while ${kept.value.status} (409 ${answer.error.code})`);
      return undefined;
    case 412:
      // Someone wrote since our read: read again, show the user the new version, let them redo.
      log(`changed by someone else since it was read (412 ${answer.error.code}): read it again`);
      return undefined;
    case 422:
      // Well-formed but against a business rule: errors[] points at the fields.
      for (const fieldError of answer.error.errors ?? []) {
        log(`${fieldError.field}: ${fieldError.message}`);
      }
      return undefined;
    default:
      // 400, 401, 403, 404 and whatever else the spec declares for the operation: all Problems.
      throw new ProblemError(`rename model ${kept.value.id}`, answer);
  }
}
