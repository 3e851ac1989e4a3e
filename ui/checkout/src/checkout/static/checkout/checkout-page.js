/**
 * The hosted checkout page: the shopper picks UPI or card, pays through the API's public endpoint,
 * and watches the payment until it succeeds or fails. When embedded by checkout.js, the outcome is
 * also posted to the merchant's page.
 */

import { createPayment, fetchPaymentStatus, PaymentError } from "./api.js";
import { attachCardHints, readCard } from "./card-form.js";
import { MessageType, parentChannel } from "./protocol.js";
import { shopperMessage } from "./shopper-messages.js";

const POLL_INTERVAL_MS = 2000;
const FINAL_STATUSES = new Set(["success", "failed"]);
const STATES = ["processing-state", "success-state", "error-state"];

const container = document.querySelector('[data-test-id="checkout-container"]');
const { apiUrl, orderId, parentOrigin } = container.dataset;
const parent = parentChannel(parentOrigin);
const formSlot = document.getElementById("method-form");

function hook(name, within = container) {
  return within.querySelector(`[data-test-id="${name}"]`);
}

/** Show the method choice and form ("choose"), or exactly one of STATES. */
function show(view) {
  hook("payment-methods").hidden = view !== "choose";
  formSlot.hidden = view !== "choose";
  for (const state of STATES) hook(state).hidden = state !== view;
  if (view !== "choose") hook(view).querySelector("[tabindex='-1']").focus();
}

function chooseMethod(method) {
  const current = formSlot.firstElementChild;
  if (current?.dataset.testId === `${method}-form`) {
    current.querySelector("input").focus();
    return;
  }
  for (const button of container.querySelectorAll("[data-method]")) {
    button.setAttribute("aria-pressed", String(button.dataset.method === method));
  }
  const template = document.getElementById(`${method}-form-template`);
  const form = template.content.firstElementChild.cloneNode(true);
  if (method === "card") attachCardHints(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    pay(method, form);
  });
  formSlot.replaceChildren(form);
  form.querySelector("input").focus();
}

function paymentRequest(method, form) {
  if (method === "upi") return { order_id: orderId, method, vpa: hook("vpa-input", form).value.trim() };
  return { order_id: orderId, method, card: readCard(form) };
}

async function pay(method, form) {
  show("processing-state");
  try {
    const created = await createPayment(apiUrl, paymentRequest(method, form));
    const payment = await outcomeOf(created.id);
    if (payment.status === "success") succeed(payment);
    else fail(payment);
  } catch (error) {
    showError(error instanceof PaymentError ? error.code : "UNEXPECTED_RESPONSE");
  }
}

/** Poll the payment every 2 s until it is final; a blip in the network is not the payment's answer. */
async function outcomeOf(paymentId) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    try {
      const payment = await fetchPaymentStatus(apiUrl, paymentId);
      if (FINAL_STATUSES.has(payment.status)) return payment;
    } catch (error) {
      if (!(error instanceof PaymentError && error.transient)) throw error;
    }
  }
}

function succeed(payment) {
  formSlot.replaceChildren();
  hook("payment-id").textContent = payment.id;
  show("success-state");
  parent.post(MessageType.PAYMENT_SUCCESS, {
    paymentId: payment.id,
    orderId: payment.order_id,
    amount: payment.amount,
    currency: payment.currency,
    method: payment.method,
    status: payment.status,
  });
}

function fail(payment) {
  showError(payment.error_code ?? "PAYMENT_FAILED");
  parent.post(MessageType.PAYMENT_FAILED, {
    paymentId: payment.id,
    orderId: payment.order_id,
    status: payment.status,
    error: { code: payment.error_code, description: payment.error_description },
  });
}

function showError(code) {
  hook("error-message").textContent = shopperMessage(code);
  show("error-state");
}

function retry() {
  const form = formSlot.firstElementChild;
  const cvv = form && hook("cvv-input", form);
  if (cvv) cvv.value = "";
  show("choose");
  (form?.querySelector("input") ?? hook("method-upi")).focus();
}

for (const button of container.querySelectorAll("[data-method]")) {
  button.addEventListener("click", () => chooseMethod(button.dataset.method));
}
hook("retry-button").addEventListener("click", retry);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") parent.post(MessageType.CLOSE_MODAL);
});
