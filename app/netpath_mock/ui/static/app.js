// The explorer page: settings, catalog browsing, the path view, controls and the live journal.
// It reads everything through the mock's vendor endpoints and /_mock (see api.js), as any
// browser client of the mock would.

import { Api, DEFAULT_CREDENTIALS, preferHeader } from "./api.js";
import { drawPath, fromCloudflare, fromDatadog, hopTable } from "./netpath.js";

const $ = (id) => document.getElementById(id);
const STORE = "netpath-mock-explorer";
const JOURNAL_MS = 1500;
const JOURNAL_SHOWN = 100;
const CF_ACCOUNTS = 12;
const RUN_WINDOW_H = 6;

const saved = JSON.parse(localStorage.getItem(STORE) || "{}");
const state = {
  vendor: saved.vendor || "cloudflare",
  session: saved.session ?? "explorer",
  token: sessionStorage.getItem(`${STORE}:token`) || "",
  credentials: { ...DEFAULT_CREDENTIALS, ...(saved.credentials || {}) },
  controls: { code: "", latency: "", scenario: "" },
  health: null,
  scenarios: [],
  pick: {}, // the current selection per level, e.g. {account, test, device, run}
  leaf: null, // () => Promise: the request the path view shows (re-run when controls change)
  model: null, // the path drawn (redrawn to the new width when the window is resized)
  journalTimer: null,
  journalBusy: false,
};

const api = new Api(() => ({
  session: state.session.trim(),
  token: state.token,
  credentials: state.credentials,
  controls: state.controls,
}));

function persist() {
  localStorage.setItem(
    STORE,
    JSON.stringify({ vendor: state.vendor, session: state.session, credentials: state.credentials }),
  );
}

function setStatus(text, kind = "") {
  const status = $("status");
  status.textContent = text;
  status.className = `status ${kind}`;
}

function describe(answer) {
  if (answer.ok) return "";
  const body = answer.body;
  if (body && typeof body === "object") {
    if (Array.isArray(body.errors)) {
      return body.errors.map((e) => (typeof e === "string" ? e : `${e.code}: ${e.message}`)).join("; ");
    }
    if (body.error) return body.error.message;
  }
  return String(answer.text || "").slice(0, 200);
}

// --- the admin token ---------------------------------------------------------------------------

function needsToken() {
  return Boolean(state.health && state.health.admin_token_required);
}

async function control(path, options) {
  if (needsToken() && !state.token) {
    setStatus("This server needs its admin token (MOCK_ADMIN_TOKEN): enter it above.", "warn");
    return null;
  }
  const answer = await api.control(path, options);
  if (answer.status === 401) {
    $("token-box").hidden = false;
    setStatus("The admin token was refused: check it.", "bad");
    return null;
  }
  return answer;
}

// --- lists -------------------------------------------------------------------------------------

function list(level, title, items, onPick, { note } = {}) {
  const lists = $("lists");
  const box = document.createElement("section");
  box.className = "list";
  box.dataset.level = level;
  const h = document.createElement("h3");
  h.textContent = title;
  box.append(h);
  if (note) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = note;
    box.append(p);
  }
  const ul = document.createElement("ul");
  for (const item of items) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.id = item.id;
    if (item.disabled) {
      button.disabled = true;
      button.title = item.disabled;
    }
    if (state.pick[level] === item.id) button.classList.add("picked");
    const label = document.createElement("span");
    label.textContent = item.label;
    const detail = document.createElement("small");
    detail.textContent = item.detail || "";
    button.append(label, detail);
    if (item.badge) {
      const badge = document.createElement("b");
      badge.className = `badge ${item.badge}`;
      badge.textContent = item.badge;
      button.append(badge);
    }
    button.addEventListener("click", () => {
      for (const other of ul.querySelectorAll("button")) other.classList.remove("picked");
      button.classList.add("picked");
      onPick(item);
    });
    li.append(button);
    ul.append(li);
  }
  if (!items.length) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = "nothing here";
    ul.append(li);
  }
  box.append(ul);
  lists.append(box);
  box.scrollIntoView({ block: "nearest" });
}

function truncateLists(level) {
  // Drop the lists below `level` (a new pick invalidates them).
  const boxes = [...$("lists").children];
  const at = boxes.findIndex((b) => b.dataset.level === level);
  for (const box of boxes.slice(at + 1)) box.remove();
}

function listError(level, title, answer) {
  list(level, title, [], () => {}, { note: `${answer.status}: ${describe(answer)}` });
}

function crumbs(parts) {
  const nav = $("crumbs");
  nav.replaceChildren();
  for (const [label, value] of parts) {
    if (!value) continue;
    const span = document.createElement("span");
    const b = document.createElement("b");
    b.textContent = label;
    span.append(b, document.createTextNode(` ${value}`));
    nav.append(span);
  }
}

function clearView() {
  state.model = null;
  $("summary").replaceChildren();
  $("path").replaceChildren();
  $("hops").replaceChildren();
  $("raw-body").textContent = "";
  $("legend").hidden = true;
  state.leaf = null;
}

// --- the path view -----------------------------------------------------------------------------

function showFacts(model, answer) {
  const summary = $("summary");
  summary.replaceChildren();
  const dl = document.createElement("dl");
  const prefer = preferHeader(state.controls);
  for (const [key, value] of [...model.facts, ["Prefer", prefer]]) {
    if (value === undefined || value === null || value === "") continue;
    const fact = document.createElement("div");
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.textContent = value;
    fact.append(dt, dd);
    dl.append(fact);
  }
  summary.append(dl);
  $("raw-body").textContent = JSON.stringify(answer.body, null, 2);
}

function showFailure(answer, what) {
  const summary = $("summary");
  summary.replaceChildren();
  const p = document.createElement("p");
  p.className = "failure";
  p.dataset.status = answer.status;
  p.textContent = `${what} answered ${answer.status}: ${describe(answer)}`;
  summary.append(p);
  $("path").replaceChildren();
  $("hops").replaceChildren();
  $("legend").hidden = true;
  $("raw-body").textContent = answer.text || "";
}

function showPath(model, answer) {
  showFacts(model, answer);
  const svg = drawPath(model, $("path").clientWidth - 4);
  $("path").replaceChildren(svg);
  state.model = model;
  $("hops").replaceChildren(hopTable(model));
  $("legend").hidden = false;
  document.body.dataset.state = "path";
}

async function runLeaf() {
  if (!state.leaf) return;
  document.body.dataset.state = "loading-path";
  const started = performance.now();
  const { answer, what, model } = await state.leaf();
  const ms = Math.round(performance.now() - started);
  if (!answer.ok) {
    showFailure(answer, what);
    setStatus(`${what} → ${answer.status} (${ms} ms)`, "bad");
    document.body.dataset.state = "failure";
  } else {
    showPath(model(answer.body), answer);
    setStatus(`${what} → ${answer.status} (${ms} ms)`, "good");
  }
  refreshJournal();
}

// --- Cloudflare: accounts -> tests -> devices -> runs -> path -----------------------------------

function epochMs() {
  return Date.parse(state.health.epoch);
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

async function cloudflareAccounts() {
  const answer = await control("/catalog", { params: { vendor: "cloudflare", limit: 400 } });
  if (!answer) return;
  if (!answer.ok) return listError("account", "Accounts", answer);
  const accounts = [...new Set(answer.body.items.map((item) => item.account_id))].slice(0, CF_ACCOUNTS);
  list(
    "account",
    "Accounts",
    accounts.map((id, i) => ({ id, label: id, detail: i === 0 ? "the docs' account" : "" })),
    (item) => cloudflareTests(item.id),
  );
}

async function cloudflareTests(account) {
  state.pick = { account };
  truncateLists("account");
  clearView();
  crumbs([["account", account]]);
  const answer = await api.vendor("cloudflare", `/accounts/${account}/dex/tests/overview`, {
    kind: "traceroute",
    per_page: 50,
  });
  if (!answer.ok) return listError("test", "Traceroute tests", answer);
  const tests = (answer.body.result.tests || []).filter((t) => t.kind === "traceroute");
  list(
    "test",
    "Traceroute tests",
    tests.map((t) => ({ id: t.id, label: t.name, detail: `${t.host} · every ${t.interval}`, test: t })),
    (item) => cloudflareDevices(account, item.test),
  );
}

async function cloudflareDevices(account, test) {
  state.pick = { account, test: test.id };
  truncateLists("test");
  clearView();
  crumbs([["account", account], ["test", test.name]]);
  const to = epochMs();
  const answer = await api.vendor("cloudflare", `/accounts/${account}/dex/fleet-status/devices`, {
    from: iso(to - 3600 * 1000),
    to: iso(to),
    page: 1,
    per_page: 50,
    source: "last_seen",
  });
  if (!answer.ok) return listError("device", "Devices", answer);
  const traceroutes = new Set(["windows", "mac", "android", "chromeos"]);
  list(
    "device",
    "Devices (seen in the last hour)",
    (answer.body.result || []).map((d) => ({
      id: d.deviceId,
      label: d.deviceName,
      detail: `${d.platform} · ${d.status} · ${d.colo}`,
      disabled: traceroutes.has(d.platform) ? null : `${d.platform} clients run no traceroute tests`,
      device: d,
    })),
    (item) => cloudflareRuns(account, test, item.device),
  );
}

async function cloudflareRuns(account, test, device) {
  state.pick = { account, test: test.id, device: device.deviceId };
  truncateLists("device");
  clearView();
  crumbs([["account", account], ["test", test.name], ["device", device.deviceName]]);
  const to = epochMs();
  const answer = await api.vendor(
    "cloudflare",
    `/accounts/${account}/dex/traceroute-tests/${test.id}/network-path`,
    { deviceId: device.deviceId, from: iso(to - RUN_WINDOW_H * 3600 * 1000), to: iso(to), interval: "minute" },
  );
  if (!answer.ok) return listError("run", "Runs", answer);
  const slots = [...((answer.body.result.networkPath || {}).slots || [])].reverse();
  list(
    "run",
    `Runs (last ${RUN_WINDOW_H} h, newest first)`,
    slots.map((s) => ({
      id: s.id,
      label: s.timestamp,
      detail: s.clientToAppRttMs === null ? "no answer from the app" : `${s.clientToAppRttMs} ms to the app`,
    })),
    (item) => cloudflarePath(account, test, device, item.id),
  );
}

function cloudflarePath(account, test, device, resultId) {
  state.pick = { account, test: test.id, device: device.deviceId, run: resultId };
  crumbs([["account", account], ["test", test.name], ["device", device.deviceName], ["run", resultId]]);
  const path = `/accounts/${account}/dex/traceroute-test-results/${resultId}/network-path`;
  state.leaf = async () => ({
    answer: await api.vendor("cloudflare", path, {}),
    what: `GET ${path}`,
    model: (body) => fromCloudflare(body.result),
  });
  return runLeaf();
}

// --- Datadog: tests -> results -> path --------------------------------------------------------

async function datadogTests() {
  const answer = await api.vendor("datadog", "/api/v1/synthetics/tests", { page_size: 50, page_number: 0 });
  if (!answer.ok) return listError("test", "Network Path tests", answer);
  const tests = (answer.body.tests || []).filter((t) => t.type === "network");
  list(
    "test",
    "Network Path tests",
    tests.map((t) => ({
      id: t.public_id,
      label: t.name,
      detail: `${t.public_id} · ${t.subtype} · ${((t.config || {}).request || {}).host || ""}`,
      badge: t.status === "paused" ? "paused" : null,
    })),
    (item) => datadogResults(item.id, item.label),
  );
}

async function datadogResults(publicId, name) {
  state.pick = { test: publicId };
  truncateLists("test");
  clearView();
  crumbs([["test", `${name} (${publicId})`]]);
  const answer = await api.vendor("datadog", `/api/v2/synthetics/tests/${publicId}/results`, {});
  if (!answer.ok) return listError("result", "Results", answer);
  const results = (answer.body.data || []).slice(0, 60);
  list(
    "result",
    "Results (newest first)",
    results.map((r) => ({
      id: r.id,
      label: new Date(r.attributes.started_at).toISOString().replace("T", " ").slice(0, 19),
      detail: `${(r.attributes.location || {}).name || ""} · ${r.attributes.run_type}`,
      badge: r.attributes.status,
    })),
    (item) => datadogPath(publicId, name, item.id),
  );
}

function datadogPath(publicId, name, resultId) {
  state.pick = { test: publicId, result: resultId };
  crumbs([["test", `${name} (${publicId})`], ["result", resultId]]);
  const path = `/api/v2/synthetics/tests/${publicId}/results/${resultId}`;
  state.leaf = async () => ({
    answer: await api.vendor("datadog", path, {}),
    what: `GET ${path}`,
    model: (body) => fromDatadog(body.data),
  });
  return runLeaf();
}

// --- vendor switch -----------------------------------------------------------------------------

async function loadVendor() {
  $("lists").replaceChildren();
  state.pick = {};
  crumbs([]);
  clearView();
  document.body.dataset.vendor = state.vendor;
  document.body.dataset.state = "browsing";
  if (state.vendor === "cloudflare") await cloudflareAccounts();
  else await datadogTests();
}

// --- controls ----------------------------------------------------------------------------------

function readControls() {
  state.controls = {
    code: $("ctl-code").value,
    latency: $("ctl-latency").value,
    scenario: $("ctl-scenario").value,
  };
  const prefer = preferHeader(state.controls);
  $("prefer").textContent = prefer ? `Prefer: ${prefer}` : "";
  const picked = state.scenarios.find((s) => s.name === state.controls.scenario);
  $("scenario-help").textContent = picked
    ? picked.summary
    : "Controls apply to the path request (the vendor's own Prefer header, Prism's keys).";
}

async function loadScenarios() {
  const answer = await control("/scenarios");
  if (!answer || !answer.ok) return;
  state.scenarios = answer.body.scenarios;
  const select = $("ctl-scenario");
  for (const scenario of state.scenarios) {
    const option = document.createElement("option");
    option.value = scenario.name;
    option.textContent = scenario.name;
    option.title = scenario.summary;
    select.append(option);
  }
}

// --- the journal -------------------------------------------------------------------------------

function renderJournal(entries) {
  const ol = $("journal-list");
  ol.replaceChildren();
  const shown = entries.slice(-JOURNAL_SHOWN).reverse();
  for (const entry of shown) {
    const li = document.createElement("li");
    li.className = entry.status >= 400 ? "bad" : "good";
    const time = document.createElement("time");
    time.textContent = entry.time.slice(11, 19);
    const status = document.createElement("b");
    status.textContent = entry.status;
    const what = document.createElement("span");
    what.className = "what";
    const shownPath = entry.path.replace(/^\/client\/v4/, "");
    what.textContent = `${entry.method} ${shownPath}${entry.query ? `?${entry.query}` : ""}`;
    what.title = `${entry.vendor} ${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ""}`;
    const ms = document.createElement("small");
    ms.textContent = `${Math.round(entry.duration_ms)} ms`;
    li.append(time, status, what, ms);
    ol.append(li);
  }
  $("journal-count").textContent = `${entries.length} in session ${state.session || "(default)"}`;
}

async function refreshJournal() {
  if (state.journalBusy) return;
  state.journalBusy = true;
  try {
    const answer = await control("/requests");
    if (answer && answer.ok) renderJournal(answer.body.requests);
  } finally {
    state.journalBusy = false;
  }
}

function scheduleJournal() {
  clearInterval(state.journalTimer);
  state.journalTimer = null;
  if ($("journal-live").checked) state.journalTimer = setInterval(refreshJournal, JOURNAL_MS);
}

// --- start ---------------------------------------------------------------------------------------

async function start() {
  $("vendor").value = state.vendor;
  $("session").value = state.session;
  $("cf-token").value = state.credentials.cfToken;
  $("dd-api-key").value = state.credentials.ddApiKey;
  $("dd-app-key").value = state.credentials.ddAppKey;
  $("admin-token").value = state.token;

  $("vendor").addEventListener("change", () => {
    state.vendor = $("vendor").value;
    persist();
    loadVendor();
  });
  $("session").addEventListener("change", () => {
    state.session = $("session").value;
    persist();
    refreshJournal();
  });
  for (const [id, key] of [["cf-token", "cfToken"], ["dd-api-key", "ddApiKey"], ["dd-app-key", "ddAppKey"]]) {
    $(id).addEventListener("change", () => {
      state.credentials[key] = $(id).value.trim() || DEFAULT_CREDENTIALS[key];
      persist();
    });
  }
  $("admin-token").addEventListener("change", async () => {
    const token = $("admin-token").value.trim();
    if (token === state.token) return; // a blur after an unchanged edit: nothing to reload
    state.token = token;
    sessionStorage.setItem(`${STORE}:token`, state.token);
    if (!state.scenarios.length) await loadScenarios();
    setStatus(`seed ${state.health.seed} · epoch ${state.health.epoch}`);
    await loadVendor();
    await refreshJournal();
    scheduleJournal();
  });
  $("controls").addEventListener("submit", (event) => event.preventDefault());
  $("controls").addEventListener("change", () => {
    readControls();
    runLeaf();
  });
  $("journal-live").addEventListener("change", scheduleJournal);
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (state.model && document.body.dataset.state === "path") {
        $("path").replaceChildren(drawPath(state.model, $("path").clientWidth - 4));
      }
    }, 150);
  });
  $("journal-clear").addEventListener("click", async () => {
    await control("/requests", { method: "DELETE" });
    refreshJournal();
  });

  const health = await api.control("/health");
  state.health = health.body;
  $("token-box").hidden = !needsToken();
  readControls();
  if (needsToken() && !state.token) {
    setStatus("This server needs its admin token (MOCK_ADMIN_TOKEN): enter it above.", "warn");
    document.body.dataset.state = "token";
    return;
  }
  setStatus(`seed ${state.health.seed} · epoch ${state.health.epoch}`);
  await loadScenarios();
  await loadVendor();
  await refreshJournal();
  scheduleJournal();
}

start();
