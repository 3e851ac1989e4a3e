// "Send test webhook": asks the dashboard to send a test event, says what happened, refreshes the log.

import { dashboardFetch } from "./fetch.js";
import { REFRESH_NOW } from "./refresh.js";

export function mountTestWebhook(root) {
  const button = root.querySelector("[data-send-test]");
  if (!button || button.dataset.mounted === "true") return;
  button.dataset.mounted = "true";
  const result = root.querySelector("[data-test-webhook-result]");

  button.addEventListener("click", async () => {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    result.classList.remove("error");
    result.textContent = "Sending…";
    try {
      const body = await (await dashboardFetch(button.dataset.sendTest, { method: "POST" })).json();
      result.textContent = body.message;
      document.getElementById("webhook-logs")?.dispatchEvent(new Event(REFRESH_NOW));
    } catch (error) {
      result.classList.add("error");
      result.textContent = error.message;
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });
}
