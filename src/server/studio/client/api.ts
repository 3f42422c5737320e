/// <reference lib="dom.iterable" />
// Browser side: calls the studio's JSON endpoints with the page's CSRF token.

const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";

export interface ApiResult<T> {
  ok: boolean;
  status: number;
  body: T & { message?: string };
}

/** POSTs `body` (JSON, or a form's fields) and parses the JSON answer; a network failure is a result too. */
export async function post<T>(url: string, body: unknown): Promise<ApiResult<T>> {
  const form = body instanceof URLSearchParams;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json",
        Accept: "application/json",
        "X-CSRF-Token": csrf(),
      },
      body: form ? body.toString() : JSON.stringify(body),
      credentials: "same-origin",
    });
    const parsed = (await res
      .json()
      .catch(() => ({ message: `The server answered ${res.status}.` }))) as T & { message?: string };
    return { ok: res.ok, status: res.status, body: parsed };
  } catch {
    return {
      ok: false,
      status: 0,
      body: { message: "Could not reach the server: check the connection and try again." } as T & {
        message?: string;
      },
    };
  }
}

export async function get<T>(url: string): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    return { ok: res.ok, status: res.status, body: (await res.json()) as T & { message?: string } };
  } catch {
    return {
      ok: false,
      status: 0,
      body: { message: "Could not reach the server." } as T & { message?: string },
    };
  }
}

/** A small element with text (never HTML): el("p", "hello", "hint"). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Runs `fn` once typing pauses for `ms`; `cancel` drops a pending run. */
export function debounce(fn: () => void, ms: number): (() => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  return Object.assign(run, { cancel: () => clearTimeout(timer) });
}
