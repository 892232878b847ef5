import { forbiddenMessage, StatusMessage } from "@/app/_components/status-message";

/** Rendered inside this area's layout, so the app header stays. */
export default function Forbidden() {
  return <StatusMessage {...forbiddenMessage} />;
}
