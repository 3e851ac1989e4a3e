// Forms: a submit button shows it is working and cannot send the same form twice; paise inputs show rupees.

let mounted = false;
const rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR" });

function markBusy(event) {
  const button = event.submitter;
  if (!button) return;
  if (button.dataset.busy === "true") {
    event.preventDefault();
    return;
  }
  button.dataset.busy = "true";
  button.setAttribute("aria-busy", "true");
  if (button.dataset.busyLabel) button.textContent = button.dataset.busyLabel;
}

function showRupees(event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !("rupeesHint" in input.dataset)) return;
  let hint = input.nextElementSibling;
  if (!hint || !hint.classList.contains("rupees-hint")) {
    hint = document.createElement("span");
    hint.className = "rupees-hint hint";
    input.after(hint);
  }
  const paise = Number.parseInt(input.value, 10);
  hint.textContent = Number.isFinite(paise) && paise > 0 ? `= ${rupees.format(paise / 100)}` : "";
}

function releaseAfterBack(event) {
  // a page restored from the back/forward cache must not keep buttons stuck in their busy state
  if (!event.persisted) return;
  for (const button of document.querySelectorAll('[data-busy="true"]')) {
    delete button.dataset.busy;
    button.removeAttribute("aria-busy");
  }
}

export function mountForms(root) {
  if (mounted) return;
  mounted = true;
  root.addEventListener("submit", markBusy);
  root.addEventListener("input", showRupees);
  window.addEventListener("pageshow", releaseAfterBack);
}
