import { AppHeader } from "@/app/_components/app-header";
import { notFoundMessage, StatusMessage } from "@/app/_components/status-message";
import { getActor } from "@/app/_lib/session";

/**
 * An unknown address. Reading the session makes this page render per request, so its scripts
 * carry the request's CSP nonce (a page prerendered at build time would have none and be blocked);
 * a signed-in person keeps the app header and its way back.
 */
export default async function NotFound() {
  const actor = await getActor();
  if (!actor)
    return (
      <main id="main">
        <StatusMessage {...notFoundMessage} back={{ href: "/login", label: "去登录" }} />
      </main>
    );
  return (
    <>
      <AppHeader actor={actor} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <StatusMessage {...notFoundMessage} />
      </main>
    </>
  );
}
