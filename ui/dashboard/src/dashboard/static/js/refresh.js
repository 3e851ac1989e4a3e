// Regions with data-refresh-url reload their own HTML from the server every data-refresh-every ms,
// always or (data-refresh-while="pending") only while they hold an element marked data-pending="true".

import { dashboardFetch } from "./fetch.js";

export const REFRESH_NOW = "dashboard:refresh-now";

function stillWanted(region) {
  return region.dataset.refreshWhile === "always" || region.querySelector('[data-pending="true"]') !== null;
}

function keepFresh(region) {
  const every = Number(region.dataset.refreshEvery) || 3000;
  const status = document.createElement("p");
  status.className = "refresh-status hint";
  status.setAttribute("role", "status");
  region.after(status);
  let lastHtml = null;
  let timer = null;

  async function refresh() {
    clearTimeout(timer);
    region.setAttribute("aria-busy", "true");
    try {
      const html = await (await dashboardFetch(region.dataset.refreshUrl)).text();
      if (html !== lastHtml) {
        region.innerHTML = html;
        lastHtml = html;
      }
      status.textContent = "";
    } catch (error) {
      if (error.signedOut) return;
      status.textContent = `Could not refresh: ${error.message} Trying again…`;
    } finally {
      region.removeAttribute("aria-busy");
    }
    schedule();
  }

  function schedule() {
    if (!stillWanted(region)) return;
    timer = setTimeout(() => (document.hidden ? schedule() : refresh()), every);
  }

  region.addEventListener(REFRESH_NOW, refresh);
  schedule();
}

export function mountRefreshing(root) {
  for (const region of root.querySelectorAll("[data-refresh-url]")) {
    if (region.dataset.refreshMounted === "true") continue;
    region.dataset.refreshMounted = "true";
    keepFresh(region);
  }
}
