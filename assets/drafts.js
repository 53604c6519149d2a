// What a person types in a form survives a refresh, a crash of the tab's page, or a visit to another page:
// each text field's unsaved text is kept in this tab's sessionStorage (gone when the tab closes) and put
// back when the form shows again (a form opts out, or names the subject it shows: components/forms.py).
//
// A draft remembers the text the field held when typing began. It is put back only while the field still
// holds that text: once the entry is saved, or someone else changes it, the draft is stale and dropped.
// A form emptied after a save (its reset) drops its drafts. Arriving at the sign-in page, by signing out or
// with a dead session, drops every draft, so the next person at this computer finds none.
(() => {
  const PREFIX = "magicloop.draft:";
  const SIGN_IN = "/signin";
  const TEXT_TYPES = new Set(["", "text", "email", "search", "url", "tel"]);

  const isText = (field) =>
    field instanceof HTMLTextAreaElement ||
    (field instanceof HTMLInputElement && TEXT_TYPES.has(field.getAttribute("type") ?? ""));

  const keyOf = (field) => {
    const form = field.form;
    if (!form || !form.id || form.dataset.drafts === "off" || !field.name || !isText(field)) return null;
    // A form showing one subject after another under the same id names the one it shows.
    const of = form.dataset.draftsOf ? `@${form.dataset.draftsOf}` : "";
    return `${PREFIX}${location.pathname}${location.search}#${form.id}${of}:${field.name}`;
  };

  const read = (key) => {
    try {
      return JSON.parse(sessionStorage.getItem(key) ?? "null");
    } catch {
      return null;
    }
  };

  const keep = (event) => {
    const field = event.target;
    const key = keyOf(field);
    if (!key) return;
    const base = read(key)?.base ?? field.defaultValue;
    if (field.value === base) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify({ base, text: field.value }));
  };

  const restore = (form) => {
    for (const field of form.elements) {
      const key = keyOf(field);
      const draft = key && read(key);
      if (!draft) continue;
      if (field.defaultValue !== draft.base) sessionStorage.removeItem(key);
      else if (field.value === draft.base) field.value = draft.text;
    }
  };

  const dropAll = (form) => {
    for (const field of form?.elements ?? []) {
      const key = keyOf(field);
      if (key) sessionStorage.removeItem(key);
    }
  };

  const forgetEverything = () => {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
    }
  };

  const look = () => {
    if (location.pathname.replace(/\/$/, "") === SIGN_IN) forgetEverything();
    else document.querySelectorAll("form[id]").forEach(restore);
  };

  document.addEventListener("input", keep, true);
  document.addEventListener("reset", (event) => dropAll(event.target), true);
  // Forms appear when React renders them, after this script and after each step of the page's data.
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      look();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  look();
})();
