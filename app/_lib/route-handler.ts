/**
 * The one wrapper of the report route handlers: it refuses a cross-site request (when asked), answers
 * 401 without a session, parses the ids of the path, and turns a DomainError into its HTTP answer
 * through the one mapping in server/domain/errors.ts. The handler itself only does its work.
 */
import { isCrossSiteRequest } from "@/server/auth/request-origin";
import type { ActorProfile } from "@/server/commands/access";
import { DomainError, httpErrorOf, isDomainError } from "@/server/domain/errors";
import { messages } from "@/server/i18n/zh-CN";
import { getActor, parseId } from "./session";

type Params = Record<string, string>;

export type RouteContext<P extends Params, Id extends keyof P> = {
  request: Request;
  actor: ActorProfile;
  /** The path's ids, parsed: a malformed one never reaches the handler (404). */
  ids: Record<Id, number>;
  /** The other path segments, as given. */
  params: P;
};

export type RouteOptions<P extends Params, Id extends keyof P> = {
  /** Path parameters that are ids. */
  ids: readonly Id[];
  /** Refuse a request another site sends with the session cookie (for handlers that change something). */
  refuseCrossSite?: boolean;
  /** Headers on every answer, refusals included (e.g. `cache-control: no-store`). */
  headers?: Record<string, string>;
};

function errorResponse(error: DomainError, headers: Record<string, string> | undefined): Response {
  const { status, body } = httpErrorOf(error);
  return Response.json(body, { status, headers });
}

export function reportRoute<P extends Params, Id extends keyof P & string>(
  options: RouteOptions<P, Id>,
  handle: (context: RouteContext<P, Id>) => Promise<Response> | Response,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    // The session cookie travels with a form another site posts here; its Origin does not match.
    if (options.refuseCrossSite && isCrossSiteRequest(request.headers))
      return errorResponse(new DomainError("FORBIDDEN", "跨站请求已被拒绝"), options.headers);
    const actor = await getActor();
    if (!actor) return errorResponse(new DomainError("UNAUTHENTICATED", messages.errors.UNAUTHENTICATED), options.headers);
    const params = await context.params;
    try {
      const ids = {} as Record<Id, number>;
      for (const name of options.ids) {
        const id = parseId(params[name] ?? "");
        // An id that is not one names nothing: the same answer as an id nobody holds.
        if (!Number.isInteger(id)) throw new DomainError("NOT_FOUND", messages.errors.NOT_FOUND);
        ids[name] = id;
      }
      return await handle({ request, actor, ids, params });
    } catch (error) {
      if (isDomainError(error)) return errorResponse(error, options.headers);
      throw error;
    }
  };
}
