// Requests from page scripts to the dashboard: CSRF token attached, errors as readable messages.

const FETCH_HEADER = "X-Dashboard-Fetch";

export class DashboardError extends Error {
  constructor(message, { signedOut = false } = {}) {
    super(message);
    this.signedOut = signedOut;
  }
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.error === "string") return body.error;
  } catch {
    // not JSON: fall through to the status line
  }
  return `The dashboard answered HTTP ${response.status} where a page fragment or JSON was expected.`;
}

export async function dashboardFetch(url, { method = "GET" } = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { [FETCH_HEADER]: "1", "X-CSRFToken": csrfToken() },
    });
  } catch {
    throw new DashboardError("The dashboard cannot be reached; check your connection.");
  }
  if (response.status === 401) {
    const body = await response.json().catch(() => ({}));
    window.location.assign(body.login || "/login");
    throw new DashboardError("Your session has ended.", { signedOut: true });
  }
  if (!response.ok) throw new DashboardError(await errorMessage(response));
  return response;
}
