/**
 * The checkout page's messages to the merchant page that embeds it: every type lives here.
 * The SDK (static/sdk/checkout.js) is a classic script and cannot import this module, so it names
 * the same types; a test holds the two together.
 */

export const MessageType = Object.freeze({
  PAYMENT_SUCCESS: "payment_success",
  PAYMENT_FAILED: "payment_failed",
  CLOSE_MODAL: "close_modal",
});

const KNOWN_TYPES = new Set(Object.values(MessageType));

/**
 * A channel to the embedding page at exactly `parentOrigin`. With no origin to name, or when the page
 * is not framed, it stays silent: results are never posted to an origin the checkout cannot vouch for.
 */
export function parentChannel(parentOrigin) {
  const framed = window.parent !== window;
  return {
    post(type, data = {}) {
      if (!KNOWN_TYPES.has(type)) {
        throw new TypeError(`message type must be one of ${[...KNOWN_TYPES].join(", ")}; got ${String(type)}`);
      }
      if (framed && parentOrigin) window.parent.postMessage({ type, data }, parentOrigin);
    },
  };
}
