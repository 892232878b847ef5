import { AppHeader } from "@/app/_components/app-header";
import { forbiddenMessage, StatusMessage } from "@/app/_components/status-message";
import { getActor } from "@/app/_lib/session";

/** A refusal outside the signed-in areas (those have their own, under the app header). */
export default async function Forbidden() {
  const actor = await getActor();
  return (
    <>
      {actor ? <AppHeader actor={actor} /> : null}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <StatusMessage {...forbiddenMessage} />
      </main>
    </>
  );
}
