// Where the keyboard's focus goes when what has it goes away.
//
// When the control that has the focus is removed, the browser leaves the focus nowhere, and a keyboard user's
// next Tab starts again at the top of the page. Instead: when a dialog closes, back to the control that opened
// it (Radix does this only for its own trigger button, and the dialogs a page's state opens have none); when
// that control went too (the entry it deleted), or a control in the page's content is removed (an entry
// deleted, a list drawn anew), to the nearest part of the content still there, so Tab goes on from there.
//
// The skip link (components/layout.py) focuses the page's content itself, before the router's link would
// take #content into the address and the tab's history (hence the capturing listener: it runs first).
(() => {
  const DIALOG = '[role="dialog"], [role="alertdialog"]';
  let opener = null; // the control focused last outside any dialog
  let openerParts = [];

  // An element's ancestors with an id, nearest first, up to the page's main; none outside it.
  const partsAround = (element) => {
    const parts = [];
    for (let part = element.parentElement; part !== null; part = part.parentElement) {
      if (part.id) parts.push(part);
      if (part.tagName === "MAIN") return parts;
    }
    return [];
  };
  const lost = () => document.activeElement === null || document.activeElement === document.body;

  document.addEventListener("focusin", (event) => {
    if (event.target.closest(DIALOG) !== null) return;
    opener = event.target;
    openerParts = partsAround(opener);
  });

  document.addEventListener("focusout", (event) => {
    if (event.relatedTarget !== null) return;
    const gone = event.target;
    const inDialog = gone.closest(DIALOG) !== null;
    const [back, parts] = inDialog ? [opener, openerParts] : [null, partsAround(gone)];
    setTimeout(() => {
      if (gone.isConnected || !lost()) return; // still there (a click elsewhere), or focused anew
      if (back?.isConnected) return back.focus();
      const still = parts.find((part) => part.isConnected);
      if (still === undefined) return;
      if (!still.hasAttribute("tabindex")) still.setAttribute("tabindex", "-1");
      still.focus({ preventScroll: true });
    });
  });

  document.addEventListener("click", (event) => {
    const skip = event.target.closest("a.skip-link");
    if (skip === null) return;
    event.preventDefault();
    document.getElementById(skip.hash.slice(1))?.focus();
  }, true);
})();
