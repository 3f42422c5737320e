import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export interface TmuxPane {
  /** The pane's lines as a person sees them (colours dropped), scrollback included. */
  lines(): string[];
  /** Keys as tmux names them: "does it hurt?", "Enter", "C-d". */
  send(...keys: string[]): void;
  /** Resolves once `test` holds for the pane's lines; throws with the pane's content after `timeoutMs`. */
  waitFor(what: string, test: (lines: string[]) => boolean, timeoutMs?: number): Promise<string[]>;
  /** Ends the tmux server and, with it, every process in the pane. */
  kill(): void;
}

/**
 * Runs `command` (in the repository, through sh) in a detached tmux pane of `width` × `height`: a real
 * pseudo-terminal. Each pane has its own tmux server, so `kill()` ends exactly what this test started.
 */
export function startTmux(command: string, size: { width: number; height: number }): TmuxPane {
  const dir = mkdtempSync(join(tmpdir(), "faqbot-tmux-"));
  const socket = join(dir, "socket");
  const tmux = (...args: string[]) =>
    execFileSync("tmux", ["-S", socket, ...args], { encoding: "utf8", cwd: ROOT, timeout: 10_000 });
  // TERM stays tmux's own, so the CLI prints colours and its wrapping is tested on styled text.
  tmux(
    "new-session",
    "-d",
    "-x",
    String(size.width),
    "-y",
    String(size.height),
    "-c",
    ROOT,
    `${command}; printf 'AFTER-EXIT %s\\n' "$?"; sleep 600`,
  );
  const lines = () => tmux("capture-pane", "-p", "-S", "-").replace(/\n+$/, "").split("\n");
  return {
    lines,
    send: (...keys) => void tmux("send-keys", ...keys),
    async waitFor(what, test, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const now = lines();
        if (test(now)) return now;
        if (Date.now() > deadline) {
          throw new Error(`tmux: no ${what} within ${timeoutMs} ms; the pane shows:\n${now.join("\n")}`);
        }
        await new Promise((done) => setTimeout(done, 200));
      }
    },
    kill() {
      try {
        tmux("kill-server");
      } catch {
        // Already gone: the server exits by itself once its last pane closes.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
