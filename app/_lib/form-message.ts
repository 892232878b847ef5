/** The form-level message, unless it only repeats a message already shown next to a field. */
export function formLevelMessage(state: { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null): string | null {
  if (!state || state.ok || !state.message) return null;
  const shown = Object.values(state.fieldErrors ?? {}).flat();
  return shown.includes(state.message) ? null : state.message;
}
