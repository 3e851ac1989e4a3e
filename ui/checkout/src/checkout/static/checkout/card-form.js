/**
 * Hints while a shopper types card details: the network, grouped digits, MM/YY expiry.
 * They only help; the API decides whether a card is valid. Card data stays in the form's inputs
 * until it is sent to the API, and is never written anywhere else.
 */

const NETWORK_NAMES = { visa: "Visa", mastercard: "Mastercard", amex: "American Express", rupay: "RuPay" };
const MAX_CARD_DIGITS = 19;

/** The network the API will report for these digits (same prefixes), or null while unknown. */
export function cardNetwork(digits) {
  if (/^4/.test(digits)) return "visa";
  if (/^5[1-5]/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^(60|65|8[1-9])/.test(digits)) return "rupay";
  return null;
}

/** "4111111111111111" -> "4111 1111 1111 1111"; American Express reads 4-6-5. */
export function groupCardNumber(value) {
  const digits = onlyDigits(value).slice(0, MAX_CARD_DIGITS);
  const groups = cardNetwork(digits) === "amex" ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts = [];
  let start = 0;
  for (const size of groups) {
    if (start >= digits.length) break;
    parts.push(digits.slice(start, start + size));
    start += size;
  }
  return parts.join(" ");
}

/** "1225" -> "12/25"; a pasted "12/2030" -> "12/30". A lone month stays as typed so backspace works. */
export function formatExpiry(value) {
  let digits = onlyDigits(value);
  if (digits.length === 6) digits = digits.slice(0, 2) + digits.slice(4);
  digits = digits.slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/** The `card` object of the API's payment request, read from the card form. */
export function readCard(form) {
  const field = (name) => form.querySelector(`[data-test-id="${name}"]`).value.trim();
  const [month = "", year = ""] = field("expiry-input").split("/").map((part) => part.trim());
  return {
    number: onlyDigits(field("card-number-input")),
    expiry_month: month,
    expiry_year: year,
    cvv: field("cvv-input"),
    holder_name: field("cardholder-name-input"),
  };
}

/** Attach the typing hints to a freshly mounted card form. */
export function attachCardHints(form) {
  const number = form.querySelector('[data-test-id="card-number-input"]');
  const badge = form.querySelector('[data-test-id="card-network"]');
  const expiry = form.querySelector('[data-test-id="expiry-input"]');
  const cvv = form.querySelector('[data-test-id="cvv-input"]');
  const cvvHint = form.querySelector("#cvv-hint");

  number.addEventListener("input", () => {
    reformatKeepingCaret(number, groupCardNumber);
    const network = cardNetwork(onlyDigits(number.value));
    badge.textContent = network ? NETWORK_NAMES[network] : "";
    badge.dataset.network = network ?? "";
    cvvHint.textContent = network === "amex" ? "4 digits on the front" : "3 digits on the back";
  });
  expiry.addEventListener("input", () => reformatKeepingCaret(expiry, formatExpiry));
  cvv.addEventListener("input", () => reformatKeepingCaret(cvv, (value) => onlyDigits(value).slice(0, 4)));
}

function onlyDigits(value) {
  return value.replace(/\D/g, "");
}

/** Rewrite an input's value without throwing the caret to the end: it stays after the same digit. */
function reformatKeepingCaret(input, format) {
  const caretAt = input.selectionStart ?? input.value.length;
  const digitsBeforeCaret = onlyDigits(input.value.slice(0, caretAt)).length;
  const formatted = format(input.value);
  if (formatted === input.value) return;
  input.value = formatted;
  let caret = 0;
  for (let seen = 0; caret < formatted.length && seen < digitsBeforeCaret; caret += 1) {
    if (/\d/.test(formatted[caret])) seen += 1;
  }
  input.setSelectionRange(caret, caret);
}
