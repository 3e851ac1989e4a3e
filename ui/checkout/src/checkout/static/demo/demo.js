/** The demo shop: its server creates the order, then the SDK opens the checkout for it. */

const shop = document.querySelector("[data-demo]");
const form = document.getElementById("buy-form");
const status = document.getElementById("demo-status");

function say(text) {
  status.textContent = text;
}

async function createOrder(amount) {
  const response = await fetch("/demo/orders", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ amount }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `the shop's server answered HTTP ${response.status}`);
  return body.order_id;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const amount = Math.round(Number(document.getElementById("price").value) * 100);
  const button = form.querySelector("button");
  button.disabled = true;
  say("Creating the order…");
  try {
    const orderId = await createOrder(amount);
    say(`Order ${orderId} created; paying in the checkout.`);
    let outcome = "Checkout closed without paying.";
    new window.PaymentGateway({
      key: shop.dataset.key,
      orderId,
      onSuccess: (data) => {
        outcome = `Paid: payment ${data.paymentId} for order ${data.orderId}.`;
      },
      onFailure: (data) => say(`Payment ${data.paymentId} failed; the shopper can try again in the checkout.`),
      onClose: () => say(outcome),
    }).open();
  } catch (error) {
    say(`Could not start the payment: ${error.message}`);
  } finally {
    button.disabled = false;
  }
});
