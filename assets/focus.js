// Where the keyboard's focus goes when the page changes under it.
//
// A dialog that a page's state opens has no trigger for Radix to give the focus back to when it closes, so
// the focus fell to the page's start and a keyboard user had to find their place again. This remembers the
// control focused last outside any dialog; a dialog's close (components/dialogs.py) focuses it again.
//
// The skip link (components/layout.py) focuses the page's content itself, before the router's link would
// take #content into the address and the tab's history (hence the capturing listener: it runs first).
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
  document.addEventListener("click", (event) => {
    const skip = event.target.closest("a.skip-link");
    if (skip === null) return;
    event.preventDefault();
    document.getElementById(skip.hash.slice(1))?.focus();
  }, true);
})();
