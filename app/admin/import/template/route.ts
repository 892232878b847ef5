/** The template of the bulk-onboarding file: `?format=xlsx` (default) or `?format=csv`. Administrators only. */
import { getActor } from "@/app/_lib/session";
import { DomainError, httpErrorOf, isDomainError } from "@/server/domain/errors";
import { authorize } from "@/server/domain/policies";
import { messages } from "@/server/i18n/zh-CN";
import { onboardingTemplateCsv, onboardingTemplateXlsx } from "@/server/import/onboarding-template";

const FILE_NAME = "单位和联络员导入模板";

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) throw new DomainError("UNAUTHENTICATED", messages.errors.UNAUTHENTICATED);
    authorize({ on: "system", actor, ability: "onboardInBulk" });
    const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
    const disposition = `attachment; filename="template.${format}"; filename*=UTF-8''${encodeURIComponent(`${FILE_NAME}.${format}`)}`;
    if (format === "csv")
      return new Response(onboardingTemplateCsv(), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": disposition, "cache-control": "no-store" },
      });
    return new Response(new Uint8Array(await onboardingTemplateXlsx()), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": disposition,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const { status, body } = httpErrorOf(error);
    return Response.json(body, { status, headers: { "cache-control": "no-store" } });
  }
}
