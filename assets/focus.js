// A dialog that a page's state opens has no trigger for Radix to give the focus back to when it closes, so
// the focus fell to the page's start and a keyboard user had to find their place again. This remembers the
// control focused last outside any dialog; a dialog's close (components/dialogs.py) focuses it again.
(() => {
  const DIALOG = '[role="dialog"], [role="alertdialog"]';
  let opener = null;
  document.addEventListener("focusin", (event) => {
    if (!event.target.closest(DIALOG)) opener = event.target;
  });
  window.magicloopReturnFocus = () => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && opener !== null && opener.isConnected) opener.focus();
  };
})();
