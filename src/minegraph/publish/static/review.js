// The review page of a draft (minegraph serve --review): the archived text with every candidate
// statement highlighted at its offsets (code points, as in the draft); a panel to accept, edit, reject
// or add statements; Save sends the statements back and the server writes the TOML draft.
"use strict";

const state = { data: null, statements: [], selected: null, nextKey: 1 };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function select(id, options, value, onchange) {
  const node = el("select", { id, onchange: (e) => onchange(e.target.value) });
  for (const [v, label] of options) {
    const opt = el("option", { value: v }, label);
    if (v === value) opt.selected = true;
    node.append(opt);
  }
  return node;
}

// ---------------------------------------------------------------- the text with its highlights

function renderText() {
  const cps = Array.from(state.data.text);
  const cuts = new Set([0, cps.length]);
  for (const s of state.statements) { cuts.add(s.start); cuts.add(s.end); }
  const bounds = [...cuts].filter((b) => b >= 0 && b <= cps.length).sort((a, b) => a - b);
  const article = $("text");
  article.replaceChildren();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    const covering = state.statements.filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => (x.end - x.start) - (y.end - y.start));
    const span = el("span", { "data-start": a, class: "seg" }, cps.slice(a, b).join(""));
    if (covering.length) {
      span.classList.add("cand", covering[0].status);
      if (covering.some((s) => s.key === state.selected)) span.classList.add("selected");
      span.dataset.key = covering[0].key;
      span.addEventListener("click", () => { if (!selectedOffsets()) choose(covering[0].key); });
    }
    article.append(span);
  }
}

function pointOffset(node, offset) {
  const article = $("text");
  if (node === article) {
    const child = article.childNodes[offset];
    return child ? Number(child.dataset.start) : Array.from(state.data.text).length;
  }
  const span = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  if (!span || !span.classList.contains("seg")) return null;
  const text = node.nodeType === Node.TEXT_NODE ? node.data : span.textContent;
  return Number(span.dataset.start) + Array.from(text.slice(0, offset)).length;
}

// The current selection inside the text as code-point offsets, trimmed of spaces (null if none).
function selectedOffsets() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  let start = pointOffset(range.startContainer, range.startOffset);
  let end = pointOffset(range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  const cps = Array.from(state.data.text);
  while (start < end && /\s/.test(cps[start])) start++;
  while (end > start && /\s/.test(cps[end - 1])) end--;
  return end > start ? { start, end, quote: cps.slice(start, end).join("") } : null;
}

// ---------------------------------------------------------------- the panel

function current() { return state.statements.find((s) => s.key === state.selected); }

function choose(key) { state.selected = key; render(); }

function edited(statement) { statement.status = "edited"; }

// A speaker's label for the list: a proposed or known actor's label, a typed new name, or "?".
function label(speaker) {
  if (!speaker) return "? (no speaker yet)";
  if (speaker.startsWith("new:")) return speaker.slice(4) + " (new)";
  const actor = state.data.new_actors.find((a) => a.id === speaker) || state.data.actors.find((a) => a.iri === speaker);
  return actor ? actor.label : speaker;
}

function speakerOptions() {
  const proposed = state.data.new_actors.map((a) => [a.id, `${a.label} (new: ${a.id})`]);
  const known = state.data.actors.map((a) => [a.iri, `${a.label} (${a.iri})`]);
  return [["", "— choose the speaker —"], ...proposed, ...known];
}

function assessmentRow(s, a, index) {
  const decisions = [["", "— decision —"], ...state.data.decisions.map((d) => [d.iri, `${d.label} (${d.iri})`])];
  const stances = state.data.stances.map((v) => [v, v]);
  const change = (field) => (value) => { a[field] = value; a.method = "accepted"; edited(s); renderPanel(); };
  return el("div", { class: "assessment" },
    select(`about-${index}`, decisions, a.about || "", change("about")),
    select(`stance-${index}`, stances, a.stance, change("stance")),
    el("span", { class: "method" }, a.method === "accepted" ? "accepted" : `suggested (${a.confidence ?? "?"})`),
    a.rests_on ? el("span", { class: "rests" }, `rests on: ${a.rests_on}`) : "",
    el("button", { class: "remove", onclick: () => { s.assessments.splice(index, 1); edited(s); render(); } }, "×"));
}

function editor(s) {
  const box = el("section", { id: "editor" });
  box.append(el("h2", {}, `Statement ${s.id || "(new)"}`), el("blockquote", { id: "quote" }, s.quote),
    el("p", { class: "offsets" }, `offsets ${s.start}–${s.end}${s.speaker_as_reported ? ` · reported as “${s.speaker_as_reported}”` : ""}`));
  box.append(el("label", {}, "Speaker ", select("speaker", speakerOptions(), s.speaker,
    (v) => { s.speaker = v; edited(s); renderPanel(); })));
  const typed = (s.speaker || "").startsWith("new:") ? s.speaker.slice(4) : undefined;
  box.append(el("label", {}, " or a new person: ", el("input", { id: "new-speaker", placeholder: "Full name", value: typed,
    onchange: (e) => { if (e.target.value.trim()) { s.speaker = "new:" + e.target.value.trim(); edited(s); } } })));
  box.append(el("label", { class: "mode" }, "Mode ", select("mode", state.data.modes.map((m) => [m, m]), s.mode,
    (v) => { s.mode = v; edited(s); })));
  const list = el("div", { id: "assessments" });
  s.assessments.forEach((a, i) => list.append(assessmentRow(s, a, i)));
  box.append(el("h3", {}, "Stance toward each decision"), list,
    el("button", { id: "add-decision", onclick: () => {
      s.assessments.push({ about: "", stance: "neutral", method: "accepted" }); edited(s); render(); } }, "+ decision"));
  box.append(el("p", { class: "actions" },
    el("button", { id: "accept", onclick: () => {
      s.assessments.forEach((a) => { a.method = "accepted"; }); s.status = "accepted"; render(); } }, "Accept"),
    el("button", { id: "span", onclick: () => {
      const picked = selectedOffsets();
      if (!picked) return status("select words in the text first");
      Object.assign(s, picked); edited(s); render(); } }, "Use selection as span"),
    el("button", { id: "reject", onclick: () => {
      state.statements = state.statements.filter((x) => x !== s); state.selected = null; render(); } }, "Reject")));
  return box;
}

function renderPanel() {
  const panel = $("panel");
  panel.replaceChildren();
  const s = current();
  if (s) panel.append(editor(s));
  const list = el("ol", { id: "statements" });
  for (const x of [...state.statements].sort((a, b) => a.start - b.start)) {
    list.append(el("li", { class: x.status + (x.key === state.selected ? " selected" : ""), "data-key": x.key,
      onclick: () => choose(x.key) }, `[${x.status}] ${label(x.speaker)}: ${x.quote.slice(0, 70)}`));
  }
  panel.append(el("h2", {}, `${state.statements.length} statements`), list);
}

function render() { renderText(); renderPanel(); }

function status(message, problems) {
  $("status").textContent = message;
  const box = $("problems");
  box.hidden = !problems || problems.length === 0;
  box.textContent = (problems || []).join("\n");
}

// ---------------------------------------------------------------- add, save, load

function addFromSelection() {
  const picked = selectedOffsets();
  if (!picked) return status("select the words of the statement in the text first");
  const near = [...state.statements].sort((a, b) => Math.abs(a.start - picked.start) - Math.abs(b.start - picked.start))[0];
  const about = near && near.assessments[0] ? near.assessments[0].about : "";
  const s = { key: `k${state.nextKey++}`, ...picked, speaker: "", mode: "paraphrase", status: "added",
    assessments: [{ about, stance: "neutral", method: "accepted" }] };
  state.statements.push(s);
  window.getSelection().removeAllRanges();
  choose(s.key);
  status("added: choose the speaker, the decision and the stance, then save");
}

async function save() {
  const body = { statements: state.statements.map(({ key, status: _, ...rest }) => rest),
                 new_actors: state.data.new_actors };
  status("saving…");
  const answer = await fetch("/draft", { method: "POST", headers: { "Content-Type": "application/json" },
                                         body: JSON.stringify(body) });
  const result = await answer.json();
  if (!answer.ok) return status("not saved", [result.error]);
  document.body.dataset.saved = String(Number(document.body.dataset.saved || 0) + 1);
  if (result.problems.length) status(`saved; accept would refuse it (${result.problems.length} lines):`, result.problems);
  else status(`saved; ready to accept: ${result.next || "minegraph accept " + result.saved}`);
  const chosen = current();
  await load(chosen ? { start: chosen.start, quote: chosen.quote } : null);
}

async function load(keep) {
  const answer = await fetch("/draft.json");
  const data = await answer.json();
  if (!answer.ok) return status("cannot read the draft", [data.error]);
  state.data = data;
  state.statements = data.statements.filter((s) => s.start !== null).map((s) => ({
    ...s, key: `k${state.nextKey++}`, status: s.assessments.length && s.assessments.every((a) => a.method === "accepted")
      ? "accepted" : "suggested" }));
  const again = keep && state.statements.find((s) => s.start === keep.start && s.quote === keep.quote);
  state.selected = again ? again.key : null;
  render();
  document.body.dataset.ready = "true";
}

$("add").addEventListener("click", addFromSelection);
$("save").addEventListener("click", () => save().catch((e) => status("not saved", [String(e)])));
load().catch((e) => status("cannot read the draft", [String(e)]));
