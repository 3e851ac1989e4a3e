// "Copy" buttons: data-copy holds a selector of the element whose text goes to the clipboard.

let mounted = false;

async function copy(event) {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = "Copied";
  } catch {
    window.getSelection().selectAllChildren(source);
    button.textContent = "Press Ctrl+C";
  }
  setTimeout(() => {
    button.textContent = label;
  }, 1500);
}

export function mountCopyButtons(root) {
  if (mounted) return;
  mounted = true;
  root.addEventListener("click", copy);
}
