import { notFoundMessage, StatusMessage } from "@/app/_components/status-message";

/** Rendered inside this area's layout, so the app header stays. */
export default function NotFound() {
  return <StatusMessage {...notFoundMessage} />;
}
