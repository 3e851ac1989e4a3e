/**
 * Paygate checkout.js: opens Paygate's hosted checkout in a modal on a merchant's page.
 *
 *   <script src="https://checkout.paygate.example/checkout.js"></script>
 *   new PaymentGateway({ key, orderId, onSuccess, onFailure, onClose }).open();
 *
 * A classic script defining one global, so a plain <script src> tag works from any origin.
 */
(function () {
  "use strict";

  // The checkout lives where this script came from; document.currentScript is only known while it first runs.
  const scriptSrc = document.currentScript ? document.currentScript.src : "";
  const CHECKOUT_ORIGIN = scriptSrc ? new URL(scriptSrc).origin : null;

  // The checkout page's message types; static/checkout/protocol.js owns them and a classic script cannot import it.
  const MessageType = Object.freeze({
    PAYMENT_SUCCESS: "payment_success",
    PAYMENT_FAILED: "payment_failed",
    CLOSE_MODAL: "close_modal",
  });

  const OPTION_NAMES = ["key", "orderId", "onSuccess", "onFailure", "onClose"];
  const CALLBACK_NAMES = ["onSuccess", "onFailure", "onClose"];
  const ORDER_ID = /^order_[A-Za-z0-9]{16}$/;
  const MODAL_ID = "payment-gateway-modal";

  const STYLES = {
    overlay: {
      position: "fixed",
      inset: "0",
      zIndex: "2147483000",
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      padding: "min(16px, 2vw)",
      background: "rgba(15, 23, 42, 0.6)",
    },
    content: {
      position: "relative",
      width: "min(440px, 100%)",
      height: "min(680px, 100%)",
      background: "#ffffff",
      borderRadius: "12px",
      overflow: "hidden",
      boxShadow: "0 24px 48px rgba(15, 23, 42, 0.35)",
    },
    iframe: { display: "block", width: "100%", height: "100%", border: "0" },
    close: {
      position: "absolute",
      top: "8px",
      right: "8px",
      width: "36px",
      height: "36px",
      border: "0",
      borderRadius: "50%",
      background: "rgba(15, 23, 42, 0.08)",
      color: "#0f172a",
      font: "22px/1 system-ui, sans-serif",
      cursor: "pointer",
    },
  };

  let openGateway = null; // one modal per page, whichever instance opened it

  class PaymentGateway {
    #key;
    #orderId;
    #callbacks;
    #modal = null;
    #iframe = null;
    #returnFocusTo = null;
    #bodyOverflow = "";

    constructor(options) {
      if (!CHECKOUT_ORIGIN) {
        throw new Error(
          "PaymentGateway: load checkout.js with a <script src> tag, so it knows where the checkout lives",
        );
      }
      checkOptions(options);
      this.#key = options.key;
      this.#orderId = options.orderId;
      this.#callbacks = Object.fromEntries(CALLBACK_NAMES.map((name) => [name, options[name] || function () {}]));
    }

    /** Show the checkout in a modal; while it is open, another open() does nothing. */
    open() {
      if (this.#modal) return;
      if (window.location.origin === "null") {
        console.warn("PaymentGateway: this page has no origin (opened from a file?), so results cannot reach it");
      }
      if (openGateway) openGateway.close();
      this.#returnFocusTo = document.activeElement;
      this.#modal = this.#buildModal();
      document.body.appendChild(this.#modal);
      this.#bodyOverflow = document.body.style.overflow;
      document.body.style.overflow = "hidden";
      window.addEventListener("message", this.#receive);
      document.addEventListener("keydown", this.#closeOnEscape);
      openGateway = this;
      this.#iframe.focus();
    }

    /** Remove the modal and stop listening, then tell the merchant through onClose; a second call does nothing. */
    close() {
      if (!this.#modal) return;
      window.removeEventListener("message", this.#receive);
      document.removeEventListener("keydown", this.#closeOnEscape);
      this.#modal.remove();
      this.#modal = null;
      this.#iframe = null;
      document.body.style.overflow = this.#bodyOverflow;
      if (openGateway === this) openGateway = null;
      if (this.#returnFocusTo && typeof this.#returnFocusTo.focus === "function") this.#returnFocusTo.focus();
      this.#callbacks.onClose();
    }

    #receive = (event) => {
      if (event.origin !== CHECKOUT_ORIGIN) return;
      if (!this.#iframe || event.source !== this.#iframe.contentWindow) return;
      const message = event.data;
      if (!message || typeof message !== "object") return;
      const data = message.data && typeof message.data === "object" ? message.data : {};
      switch (message.type) {
        case MessageType.PAYMENT_SUCCESS:
          try {
            this.#callbacks.onSuccess(data);
          } finally {
            this.close();
          }
          break;
        case MessageType.PAYMENT_FAILED:
          this.#callbacks.onFailure(data); // the modal stays open so the shopper can retry
          break;
        case MessageType.CLOSE_MODAL:
          this.close();
          break;
      }
    };

    #closeOnEscape = (event) => {
      if (event.key === "Escape") this.close();
    };

    #buildModal() {
      const modal = element("div", { id: MODAL_ID, "data-test-id": "payment-modal" });
      const overlay = element("div", { class: "modal-overlay" }, STYLES.overlay);
      const content = element(
        "div",
        { class: "modal-content", role: "dialog", "aria-modal": "true", "aria-label": "Paygate checkout" },
        STYLES.content,
      );
      const iframe = element(
        "iframe",
        { "data-test-id": "payment-iframe", src: this.#checkoutUrl(), title: "Paygate checkout", allow: "payment" },
        STYLES.iframe,
      );
      const closeButton = element(
        "button",
        { type: "button", "data-test-id": "close-modal-button", "aria-label": "Close checkout" },
        STYLES.close,
      );
      closeButton.textContent = "\u00d7";
      closeButton.addEventListener("click", () => this.close());
      overlay.addEventListener("click", (event) => {
        if (event.target === overlay) this.close();
      });
      content.append(iframe, closeButton);
      overlay.append(content);
      modal.append(overlay);
      this.#iframe = iframe;
      return modal;
    }

    #checkoutUrl() {
      const query = [
        ["order_id", this.#orderId],
        ["embedded", "true"],
        ["key", this.#key],
        ["origin", window.location.origin],
      ];
      return `${CHECKOUT_ORIGIN}/checkout?${query.map(([name, value]) => `${name}=${queryValue(value)}`).join("&")}`;
    }
  }

  function checkOptions(options) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw optionError("new PaymentGateway(options)", `an object {${OPTION_NAMES.join(", ")}}`, options);
    }
    const unknown = Object.keys(options).filter((name) => !OPTION_NAMES.includes(name));
    if (unknown.length) {
      throw new TypeError(
        `PaymentGateway: unknown option ${unknown.join(", ")}; the options are ${OPTION_NAMES.join(", ")}`,
      );
    }
    if (typeof options.key !== "string" || options.key.trim() === "") {
      throw optionError("options.key", "your API key, a non-empty string such as key_test_abc123", options.key);
    }
    if (typeof options.orderId !== "string" || !ORDER_ID.test(options.orderId)) {
      throw optionError("options.orderId", "the id of an order created by your server, like order_ + 16 letters or digits", options.orderId);
    }
    for (const name of CALLBACK_NAMES) {
      if (options[name] !== undefined && typeof options[name] !== "function") {
        throw optionError(`options.${name}`, "a function (or left out)", options[name]);
      }
    }
  }

  function optionError(name, expected, value) {
    return new TypeError(`PaymentGateway: ${name} must be ${expected}; got ${describe(value)}`);
  }

  function describe(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    if (typeof value === "string") return value === "" ? "an empty string" : `the string ${JSON.stringify(value)}`;
    if (typeof value === "undefined") return "nothing (undefined)";
    if (typeof value === "object") return "an object";
    if (typeof value === "function") return "a function";
    return `the ${typeof value} ${String(value)}`;
  }

  function element(tag, attributes, style = {}) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    Object.assign(node.style, style);
    return node;
  }

  // RFC 3986 allows ':' and '/' in a query, so an origin parameter reads as itself: origin=https://shop.example
  function queryValue(value) {
    return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2F/gi, "/");
  }

  window.PaymentGateway = PaymentGateway;
})();
