// 「コピー」 buttons: copy the text of the field named by data-copy (works without it too:
// the field is selectable and read-only).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  field.select();
  navigator.clipboard.writeText(field.value).then(() => {
    const status = document.getElementById(button.dataset.copy + "-status");
    if (status) status.textContent = button.dataset.copied;
  });
});
