/**
 * Clean-up actions still owed (stop the server, remove a temporary folder, drop a database). Each
 * caller runs its own in a `finally`; the registry exists so an interrupted run (Ctrl-C) can still
 * run whatever is left, newest first.
 */
const pending = new Set();

/**
 * Registers an action and returns a function that runs it once (and unregisters it).
 * @param {string} label  named in the message if the action fails
 * @param {() => Promise<void> | void} action
 * @returns {() => Promise<void>}
 */
export function deferCleanup(label, action) {
  const entry = { label, action };
  pending.add(entry);
  return async () => {
    if (pending.delete(entry)) await runQuietly(entry);
  };
}

/** Runs every outstanding action, newest first; failures are reported, not thrown. */
export async function cleanUpAll() {
  for (const entry of [...pending].reverse()) {
    pending.delete(entry);
    await runQuietly(entry);
  }
}

/** @param {{ label: string, action: () => Promise<void> | void }} entry */
async function runQuietly(entry) {
  try {
    await entry.action();
  } catch (error) {
    console.error(
      `bench: clean-up "${entry.label}" failed: ${error instanceof Error ? error.message : error}`,
    );
  }
}
