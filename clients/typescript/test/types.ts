// Type tests of the client, checked by `make check-client` (tsc --noEmit, strict). Each
// expect-error directive claims that the next line must NOT compile: tsc fails when it does.

import { createLamtheobacClient, type AnswerOf, type Problem, type Schema } from "../src/index.js";

const api = createLamtheobacClient({ baseUrl: "http://localhost:8080", getToken: () => "token" });

export async function listNarrowsByStatus(unitId: string): Promise<Schema<"Model">[]> {
  const answer = await api.GET("/api/v1/units/{unitId}/models", { params: { path: { unitId } } });
  switch (answer.status) {
    case 200: {
      const models: Schema<"Model">[] = answer.data.items;
      // @ts-expect-error a 200 has no error
      answer.error.code;
      return models;
    }
    case 404: {
      const problem: Problem = answer.error;
      // @ts-expect-error a 404 has no data
      answer.data.items;
      return problem.code === "not_found" ? [] : [];
    }
    // @ts-expect-error listModels declares no 409
    case 409:
      return [];
    default:
      return [];
  }
}

export async function writeAnswersAreDeclared(modelId: string): Promise<void> {
  const answer = await api.PATCH("/api/v1/models/{modelId}", {
    params: { path: { modelId }, header: { "If-Match": '"1"' } },
    body: { name: "Nụ cười công sở" },
  });
  const statuses: AnswerOf<"updateModel">["status"][] = [200, 409, 412, 422];
  if (answer.status === 412 || answer.status === 409 || answer.status === 422) {
    const problem: Problem = answer.error;
    void problem;
  }
  void statuses;
}

export async function requestsAreChecked(modelId: string): Promise<void> {
  // @ts-expect-error an unknown path
  await api.GET("/api/v1/modelz/{modelId}", { params: { path: { modelId } } });
  // @ts-expect-error the path parameter is required
  await api.GET("/api/v1/models/{modelId}");
  // @ts-expect-error updateModel takes a body
  await api.PATCH("/api/v1/models/{modelId}", { params: { path: { modelId } } });
  const implementer = { kind: "collective", name: "Toàn chi bộ" } as const;
  await api.POST("/api/v1/units/{unitId}/models", {
    params: { path: { unitId: modelId } },
    // @ts-expect-error ModelInput requires the implementer
    body: { name: "Nụ cười công sở", year: 2026, category: "other" },
  });
  await api.POST("/api/v1/units/{unitId}/models", {
    params: { path: { unitId: modelId } },
    // @ts-expect-error ModelInput has no such field (additionalProperties: false)
    body: { name: "Nụ cười công sở", year: 2026, category: "other", implementer, colour: "red" },
  });
  // @ts-expect-error login answers no 404
  const never404: AnswerOf<"login">["status"] = 404;
  void never404;
}

export async function parseAsTypesTheData(standardId: string): Promise<Blob | undefined> {
  const answer = await api.GET("/api/v1/standards/{standardId}/poster.pdf", {
    params: { path: { standardId } },
    parseAs: "blob",
  });
  return answer.status === 200 ? answer.data : undefined;
}
