// How the explorer talks to the mock: the vendors' own endpoints (with their auth headers and
// the session) and the /_mock control plane (with the admin token when the server needs one).
// Nothing here knows the page: app.js passes a function returning the current settings.

export const VENDOR_BASE = { cloudflare: "/client/v4", datadog: "" };

// The docs' example token and SDK-test-style keys: well-formed, so default mode accepts them.
export const DEFAULT_CREDENTIALS = {
  cfToken: "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY",
  ddApiKey: "0123456789abcdef0123456789abcdef",
  ddAppKey: "0123456789abcdef0123456789abcdef01234567",
};

/** The Prefer header for the controls (Prism's keys), or "" when none is set. */
export function preferHeader({ code, latency, scenario }) {
  const parts = [];
  if (code) parts.push(`code=${code}`);
  if (latency !== "" && latency !== null && latency !== undefined && Number(latency) > 0) {
    parts.push(`latency=${Math.round(Number(latency))}`);
  }
  if (scenario) parts.push(`example=${scenario}`);
  return parts.join(", ");
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function parse(response) {
  const text = await response.text();
  let body = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the text (the explorer shows it as it came).
  }
  return { status: response.status, ok: response.ok, body, text, url: response.url };
}

export class Api {
  /** `settings()` returns {session, token, credentials, controls} at call time. */
  constructor(settings) {
    this.settings = settings;
  }

  vendorHeaders(vendor) {
    const { session, credentials, controls } = this.settings();
    const headers = { Accept: "application/json" };
    if (session) headers["X-Mock-Session"] = session;
    if (vendor === "cloudflare") {
      headers.Authorization = `Bearer ${credentials.cfToken}`;
    } else {
      headers["DD-API-KEY"] = credentials.ddApiKey;
      headers["DD-APPLICATION-KEY"] = credentials.ddAppKey;
    }
    const prefer = preferHeader(controls);
    if (prefer) headers.Prefer = prefer;
    return headers;
  }

  controlHeaders() {
    const { session, token } = this.settings();
    const headers = { Accept: "application/json" };
    if (session) headers["X-Mock-Session"] = session;
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  /** GET a vendor path (the vendor's own, e.g. /accounts/{id}/dex/...) with its headers. */
  async vendor(vendor, path, params) {
    const url = `${VENDOR_BASE[vendor]}${path}${query(params)}`;
    return parse(await fetch(url, { headers: this.vendorHeaders(vendor) }));
  }

  /** A /_mock call. */
  async control(path, { method = "GET", params, json } = {}) {
    const init = { method, headers: this.controlHeaders() };
    if (json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(json);
    }
    return parse(await fetch(`/_mock${path}${query(params)}`, init));
  }
}
