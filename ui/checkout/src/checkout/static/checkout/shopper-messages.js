/** The API's error codes in words a shopper understands, with what to do next. */

const MESSAGES = new Map(Object.entries({
  INVALID_VPA: "That UPI ID doesn't look right. Check it and try again; it looks like name@bank.",
  INVALID_CARD: "We couldn't use this card. Check the card number, CVV and name on the card, then try again.",
  EXPIRED_CARD: "This card has expired or the expiry date isn't valid. Check the MM/YY date or use another card.",
  PAYMENT_FAILED: "Your payment could not be completed. Please try again, or choose another payment method.",
  NOT_FOUND_ERROR: "We couldn't find this order. Please go back to the shop and start the payment again.",
  BAD_REQUEST_ERROR: "Some payment details weren't accepted. Check them and try again.",
  RATE_LIMITED: "Too many attempts in a short time. Please wait a moment and try again.",
  SERVICE_UNAVAILABLE: "Payments are briefly unavailable. Please try again in a moment.",
  NETWORK_ERROR: "We couldn't reach the payment service. Check your internet connection and try again.",
}));

const FALLBACK = "Something went wrong with this payment. Please try again.";

export function shopperMessage(code) {
  return MESSAGES.get(code) ?? FALLBACK;
}
