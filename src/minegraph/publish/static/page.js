// minegraph's query page: YASGUI (served from this server) with the query library as examples.
(async function () {
  const base = document.body.dataset.base;          // the data's IRI namespace, e.g. https://w3id.org/minegraph/
  const prefixes = JSON.parse(document.body.dataset.prefixes);  // minegraph's prefixes, for results and new tabs
  // A new tab opens with its query in view: only the PREFIX lines its query uses (the examples carry their own).
  const opening = "SELECT ?state ?label WHERE {\n  ?state a mg:State ; rdfs:label ?label .\n} LIMIT 10\n";
  const prologue = ["mg", "rdfs"].map((p) => "PREFIX " + p + ": <" + prefixes[p] + ">").join("\n");
  const answer = await fetch("/examples.json");
  const examples = await answer.json();
  registerCompleters(base, prefixes);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: new URL("/query", location.href).href, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [] },
    persistenceId: null,
    yasr: { prefixes: prefixes },
    yasqe: { value: prologue + "\n" + opening,
             autocompleters: ["variables", "minegraph-entities", "minegraph-terms"] },
  });
  const picker = document.getElementById("examples");
  examples.forEach((example, index) => {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = example.title + (example.required.length ? " (needs parameters)" : "");
    option.title = example.description;
    picker.appendChild(option);
  });
  picker.addEventListener("change", () => {
    const example = examples[Number(picker.value)];
    if (!example) return;
    const tab = yasgui.getTab();
    tab.setQuery(example.query);
    tab.setName(example.name);
    document.getElementById("about").textContent = example.description +
      (example.parameters.length ? " Parameters (their defaults stand in the VALUES lines; edit them there): " + example.parameters.join("; ") : "");
  });
  // Result IRIs under the data's namespace open their entity page on this server.
  const local = (href) => href.startsWith(base) ? new URL("/" + href.slice(base.length), location.href).href : href;
  new MutationObserver(() => {
    document.querySelectorAll("#yasgui a[href^='" + base + "']").forEach((a) => { a.href = local(a.href); a.target = "_self"; });
  }).observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  window.minegraphYasgui = yasgui;
})();

// Autocompletion from this server only (WDQS-like): entities by label or slug after a kind prefix
// ("state:lat" -> state:LVA, through /search), and the ontology's terms after "mg:" (one query, kept).
function registerCompleters(base, prefixes) {
  const Yasqe = Yasgui.Yasqe;
  const kinds = Object.fromEntries(Object.entries(prefixes).filter(([, ns]) => ns.startsWith(base + "id/")));
  const prefixed = (yasqe) => /^([A-Za-z][\w-]*):(.*)$/.exec(yasqe.getCompleteToken().string || "");
  Yasqe.registerAutocompleter({
    name: "minegraph-entities", bulk: false, autoShow: true,
    isValidCompletionPosition: (yasqe) => { const m = prefixed(yasqe); return !!m && m[1] in kinds && m[2].length > 0; },
    get: async (yasqe, token) => {
      const m = /^([A-Za-z][\w-]*):(.*)$/.exec(token.string);
      const ns = kinds[m[1]];
      const answer = await fetch("/search?format=json&q=" + encodeURIComponent(m[2]));
      const found = (await answer.json()).results.filter((r) => r.iri.startsWith(ns));
      return found.map((r) => m[1] + ":" + r.iri.slice(ns.length));
    },
  }, false);
  Yasqe.registerAutocompleter({
    name: "minegraph-terms", bulk: true, autoShow: true,
    isValidCompletionPosition: (yasqe) => { const m = prefixed(yasqe); return !!m && m[1] === "mg"; },
    get: async () => {
      const query = "SELECT DISTINCT ?t WHERE { ?t a ?k . VALUES ?k { <http://www.w3.org/2002/07/owl#Class> " +
        "<http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> } " +
        "FILTER (STRSTARTS(STR(?t), \"" + prefixes.mg + "\")) } ORDER BY ?t";
      const answer = await fetch("/query", { method: "POST", body: new URLSearchParams({ query }),
                                             headers: { Accept: "application/sparql-results+json" } });
      const rows = (await answer.json()).results.bindings;
      return rows.map((row) => "mg:" + row.t.value.slice(prefixes.mg.length));
    },
  }, false);
}
