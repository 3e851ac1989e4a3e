/** The Paygate API's public payment endpoints, as the checkout page calls them (no credentials). */

export class PaymentError extends Error {
  /** `code` is the API's error code; `transient` errors are worth asking again about. */
  constructor(code, description, { transient = false } = {}) {
    super(description);
    this.name = "PaymentError";
    this.code = code;
    this.transient = transient;
  }
}

export function createPayment(apiUrl, body) {
  return call(`${apiUrl}/api/v1/payments/public`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

export function fetchPaymentStatus(apiUrl, paymentId) {
  return call(`${apiUrl}/api/v1/payments/${encodeURIComponent(paymentId)}/public`, { method: "GET" });
}

async function call(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, credentials: "omit", cache: "no-store" });
  } catch {
    throw new PaymentError("NETWORK_ERROR", "The payment service could not be reached", { transient: true });
  }
  const body = await response.json().catch(() => null);
  if (response.ok && body) return body;
  const error = body?.error ?? {};
  throw new PaymentError(error.code ?? "UNEXPECTED_RESPONSE", error.description ?? `HTTP ${response.status}`, {
    transient: response.status >= 500 || response.status === 429,
  });
}
