// A vendor's network-path answer as one neutral model, and that model drawn as inline SVG.
//
// The drawing follows the vendors' own Network Path views: hops left to right in TTL order, from
// the source to the destination; consecutive hops of one network grouped in a labelled box
// (Cloudflare: by ASN and organisation, inside bands for its "miles"; Datadog's wire hops carry
// no ASN, so by the rDNS domain of the hop names, private and CGNAT addresses apart); each hop
// with its address, name, RTT and loss; silent hops as dashed empty rings; the destination last,
// flagged unreachable when the trace never got there. A path wider than the page wraps into rows.

const SVG = "http://www.w3.org/2000/svg";
const COL = 112; // px per column
const NODE_Y = 150;
const MILES = {
  "client-to-isp": "Client to ISP",
  "client-to-cf-ingress": "To Cloudflare ingress",
  "client-to-cf-egress": "Through Cloudflare",
  "client-to-app": "To the application",
};
const PALETTE = ["#e8f1fb", "#eaf6ec", "#fdf3e4", "#f3ecfa", "#e6f6f6", "#fbeaea", "#f1f1e6"];

// --- addresses ---------------------------------------------------------------------------------

function octets(ip) {
  const parts = String(ip).split(".").map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n < 256)
    ? parts
    : null;
}

/** "private" (RFC 1918), "cgnat" (RFC 6598 shared space) or "public". */
export function addressKind(ip) {
  const o = octets(ip);
  if (!o) return "public";
  if (o[0] === 10 || (o[0] === 172 && o[1] >= 16 && o[1] < 32) || (o[0] === 192 && o[1] === 168)) {
    return "private";
  }
  if (o[0] === 100 && o[1] >= 64 && o[1] < 128) return "cgnat";
  return "public";
}

const SECOND_LEVEL = new Set(["co", "com", "net", "org", "ac", "gov", "edu", "ne", "or"]);

/** The registrable domain of a host name ("ae-1.r21.dllstx09.us.bb.gin.ntt.net" -> "ntt.net"). */
export function registrableDomain(host) {
  const labels = String(host).toLowerCase().split(".").filter(Boolean);
  if (labels.length <= 2) return labels.join(".");
  const tld = labels[labels.length - 1];
  const sld = labels[labels.length - 2];
  const take = tld.length === 2 && SECOND_LEVEL.has(sld) ? 3 : 2;
  return labels.slice(-take).join(".");
}

// --- the neutral model ---------------------------------------------------------------------------

function fillSilentGroups(hops) {
  // A silent hop between two hops of one network belongs to it; otherwise it stands alone.
  for (let i = 0; i < hops.length; i += 1) {
    const hop = hops[i];
    if (!hop.silent) continue;
    const before = hops.slice(0, i).reverse().find((h) => !h.silent);
    const after = hops.slice(i + 1).find((h) => !h.silent);
    if (before && after && before.group === after.group) {
      hop.group = before.group;
      hop.groupLabel = before.groupLabel;
    } else {
      hop.group = i > 0 && hops[i - 1].silent ? hops[i - 1].group : `silent@${i}`;
      hop.groupLabel = "No answer";
    }
  }
}

/** A Cloudflare DEX result (`result` of .../network-path) as the neutral model. */
export function fromCloudflare(result) {
  const hops = (result.hops || []).map((h) => {
    const silent = h.ipAddress === null || h.ipAddress === undefined;
    let group = null;
    let groupLabel = null;
    if (!silent) {
      if (h.asn !== null && h.asn !== undefined) {
        group = `AS${h.asn}`;
        groupLabel = `${h.aso || "Unknown"} · AS${h.asn}`;
      } else {
        const kind = addressKind(h.ipAddress);
        group = kind;
        groupLabel = kind === "cgnat" ? "Shared / CGNAT (100.64/10)" : "Private network";
      }
    }
    const loc = h.location;
    return {
      ttl: h.ttl,
      ip: silent ? null : h.ipAddress,
      name: h.name || null,
      asn: h.asn ?? null,
      aso: h.aso ?? null,
      location: loc ? [loc.city, loc.state].filter(Boolean).join(", ") : null,
      mile: h.mile || null,
      rtt: h.rttMs ?? null,
      rttText: h.rttMs === null || h.rttMs === undefined ? "—" : `${h.rttMs} ms`,
      loss: h.packetLossPct ?? null,
      silent,
      group,
      groupLabel,
    };
  });
  fillSilentGroups(hops);
  const last = hops[hops.length - 1];
  const reached = Boolean(last && !last.silent);
  return {
    vendor: "cloudflare",
    hops,
    miles: true,
    source: {
      label: result.deviceName || "device",
      detail: [result.colo, result.execution_context, result.tunnel_type].filter(Boolean).join(" · "),
    },
    destination: { label: result.testName || "destination", ip: reached ? last.ip : null, reached },
    facts: [
      ["Test", result.testName],
      ["Device", result.deviceName],
      ["Started", result.time_start],
      ["Colo", result.colo],
      ["Context", result.execution_context],
      ["Tunnel", result.tunnel_type || "none"],
      ["Hops", String(hops.length)],
      ["Outcome", reached ? "destination reached" : "destination not reached"],
    ],
  };
}

/** A Datadog result (`data` of GetSyntheticsTestResult) as the neutral model. */
export function fromDatadog(data) {
  const attributes = data.attributes || {};
  const result = attributes.result || {};
  const netpath = result.netpath || {};
  const destination = netpath.destination || {};
  const hops = (netpath.hops || []).map((h) => {
    const silent = !h.reachable || !h.ip_address;
    const named = h.hostname && h.hostname !== h.ip_address ? h.hostname : null;
    return {
      ttl: h.ttl,
      ip: silent ? null : h.ip_address,
      name: named,
      asn: null,
      aso: null,
      location: null,
      mile: null,
      rtt: silent ? null : h.rtt,
      rttText: silent || h.rtt === undefined ? "—" : `${Number(h.rtt).toFixed(1)} ms`,
      loss: null,
      silent,
      group: null,
      groupLabel: null,
    };
  });
  for (const hop of hops) {
    if (hop.silent) continue;
    const kind = addressKind(hop.ip);
    if (kind !== "public") {
      hop.group = kind;
      hop.groupLabel = kind === "cgnat" ? "Shared / CGNAT (100.64/10)" : "Private network";
    } else if (hop.name) {
      hop.group = registrableDomain(hop.name);
      hop.groupLabel = hop.group;
    } else {
      // No name, no ASN on the wire: which network it is cannot be told, so it is not guessed.
      hop.group = "unnamed";
      hop.groupLabel = "Unnamed routers";
    }
  }
  const last = hops[hops.length - 1];
  const reached = Boolean(
    last && !last.silent && (!destination.ip_address || last.ip === destination.ip_address),
  );
  if (reached) {
    last.group = "destination";
    last.groupLabel = destination.hostname || "destination";
  }
  fillSilentGroups(hops);
  const netstats = result.netstats || {};
  const latency = netstats.latency || {};
  const loss = netstats.packet_loss_percentage;
  const location = attributes.location || {};
  return {
    vendor: "datadog",
    hops,
    miles: false,
    source: {
      label: (netpath.source || {}).hostname || location.id || "source",
      detail: location.name || location.id || "",
    },
    destination: {
      label: destination.hostname || "destination",
      ip: destination.ip_address || null,
      port: destination.port,
      reached,
      loss,
    },
    facts: [
      ["Status", result.status],
      ["Location", location.name || location.id],
      ["Protocol", netpath.protocol],
      ["Destination", [destination.hostname, destination.port].filter((v) => v !== undefined).join(":")],
      ["Hops", String(hops.length)],
      ["Hop count", netstats.hops ? String(netstats.hops.max) : "—"],
      ["Latency avg", latency.avg === undefined ? "—" : `${latency.avg} ms`],
      ["Packet loss", loss === undefined ? "—" : `${(loss * 100).toFixed(0)} %`],
      ["Jitter", netstats.jitter === undefined ? "—" : `${netstats.jitter} ms`],
      ["Failure", result.failure ? result.failure.code : "none"],
    ],
  };
}

/** Runs of consecutive hops sharing `key(hop)`: [{key, label, start, end}] (hop indexes). */
export function runsOf(hops, key, label) {
  const runs = [];
  hops.forEach((hop, i) => {
    const k = key(hop);
    const current = runs[runs.length - 1];
    if (current && current.key === k) {
      current.end = i;
    } else {
      runs.push({ key: k, label: label(hop), start: i, end: i });
    }
  });
  return runs;
}

// --- drawing -----------------------------------------------------------------------------------

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function clip(text, max) {
  const s = String(text ?? "");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const ROW_H = 300; // px per row of the drawing
const MARGIN = 70; // x of the first column's centre

/** Where each column goes when the drawing wraps into rows `perRow` columns wide. */
function layout(columns, width) {
  const perRow = Math.max(4, Math.floor((width - MARGIN - 30) / COL) + 1);
  const rows = Math.ceil(columns / perRow);
  const at = (column) => ({
    x: MARGIN + (column % perRow) * COL,
    top: Math.floor(column / perRow) * ROW_H,
    row: Math.floor(column / perRow),
  });
  const used = Math.min(columns, perRow);
  return { perRow, rows, at, width: MARGIN + (used - 1) * COL + 90, height: rows * ROW_H + 8 };
}

/** Row pieces of the column range [first, last]: [{first, last}] one per row it spans. */
function pieces(place, first, last) {
  const out = [];
  for (let c = first; c <= last; c += 1) {
    const current = out[out.length - 1];
    if (current && place.at(c).row === place.at(current.last).row) current.last = c;
    else out.push({ first: c, last: c });
  }
  return out;
}

/**
 * The model drawn as an <svg> element (hop groups carry data-ttl for tests and tooling).
 *
 * `width` is the room available: the drawing wraps into rows of that width, so a long path
 * reads without scrolling (each row continues the last, the link drawn round the turn).
 */
export function drawPath(model, width = 1200) {
  const hops = model.hops;
  const reached = model.destination.reached;
  // Columns: 0 the source, 1..n the hops, then the destination when no hop is it.
  const columns = hops.length + (reached ? 1 : 2);
  const place = layout(columns, width);
  const svg = el("svg", {
    width: place.width,
    height: place.height,
    viewBox: `0 0 ${place.width} ${place.height}`,
    role: "img",
    "data-vendor": model.vendor,
    "data-hops": hops.length,
    "data-reached": reached,
    "data-rows": place.rows,
    "aria-label": `Network path of ${hops.length} hops`,
  });
  svg.append(el("title", {}, `${model.source.label} → ${model.destination.label}`));

  if (model.miles) {
    for (const run of runsOf(hops, (h) => h.mile, (h) => MILES[h.mile] || h.mile || "")) {
      pieces(place, run.start + 1, run.end + 1).forEach((piece, k) => {
        const { x: x0, top } = place.at(piece.first);
        const x = x0 - COL / 2 + 2;
        const w = (piece.last - piece.first + 1) * COL - 4;
        const band = el("g", { class: "mile", "data-mile": run.key });
        band.append(el("rect", { x, y: top + 8, width: w, height: 22, rx: 4 }));
        const label = k === 0 ? run.label : `${run.label} (cont.)`;
        band.append(el("text", { x: x + 8, y: top + 23 }, clip(label, Math.floor(w / 7))));
        svg.append(band);
      });
    }
  }
  const colours = new Map();
  for (const run of runsOf(hops, (h) => h.group, (h) => h.groupLabel || "")) {
    if (!colours.has(run.key)) colours.set(run.key, PALETTE[colours.size % PALETTE.length]);
    const silentRun = String(run.key).startsWith("silent@");
    pieces(place, run.start + 1, run.end + 1).forEach((piece, k) => {
      const { x: x0, top } = place.at(piece.first);
      const x = x0 - COL / 2 + 5;
      const w = (piece.last - piece.first + 1) * COL - 10;
      const box = el("g", { class: `network${silentRun ? " unknown" : ""}`, "data-network": run.key });
      box.append(el("rect", {
        x, y: top + 40, width: w, height: 236, rx: 10, fill: silentRun ? "none" : colours.get(run.key),
      }));
      const label = k === 0 ? run.label : `${run.label} (cont.)`;
      box.append(el("text", { x: x + 8, y: top + 58, class: "network-label" }, clip(label, Math.floor(w / 6.6))));
      svg.append(box);
    });
  }

  // Links between consecutive nodes (dashed where a silent hop is on either end); a link to
  // the next row runs right, down the lane under the row, back left, and down into the node.
  const points = [{ silent: false }, ...hops];
  if (!reached) points.push({ silent: true, unreachable: true });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const dashed = points[i].silent || points[i + 1].silent;
    const a = place.at(i);
    const b = place.at(i + 1);
    const cls = `link${dashed ? " dashed" : ""}`;
    if (a.row === b.row) {
      svg.append(el("line", { x1: a.x + 15, y1: a.top + NODE_Y, x2: b.x - 15, y2: b.top + NODE_Y, class: cls }));
    } else {
      const lane = a.top + ROW_H - 14;
      const d = [
        `M ${a.x + 15} ${a.top + NODE_Y}`,
        `H ${a.x + COL / 2 - 4}`,
        `V ${lane}`,
        `H ${b.x - COL / 2 + 4}`,
        `V ${b.top + NODE_Y}`,
        `H ${b.x - 15}`,
      ].join(" ");
      svg.append(el("path", { d, class: cls, fill: "none" }));
    }
  }

  // The source.
  const s = place.at(0);
  const source = el("g", { class: "endpoint source" });
  source.append(el("rect", { x: s.x - 16, y: s.top + NODE_Y - 16, width: 32, height: 32, rx: 6 }));
  source.append(el("text", { x: s.x, y: s.top + NODE_Y + 36, class: "label strong" }, clip(model.source.label, 18)));
  source.append(el("text", { x: s.x, y: s.top + NODE_Y + 52, class: "label" }, clip(model.source.detail, 20)));
  source.append(el("title", {}, `${model.source.label}\n${model.source.detail}`));
  svg.append(source);

  hops.forEach((hop, i) => {
    const { x, top } = place.at(i + 1);
    const y = top + NODE_Y;
    const isDestination = reached && i === hops.length - 1;
    const lossy = hop.loss !== null && hop.loss > 0 && !hop.silent;
    const kind = hop.silent ? "silent" : isDestination ? "dest" : lossy ? "lossy" : "ok";
    const g = el("g", {
      class: `hop ${kind}`,
      "data-ttl": hop.ttl,
      "data-ip": hop.ip ?? "",
      "data-silent": hop.silent,
      "data-rtt": hop.rtt ?? "",
    });
    g.append(el("text", { x, y: y - 24, class: "ttl" }, `#${hop.ttl}`));
    if (isDestination) {
      g.append(el("rect", { x: x - 16, y: y - 16, width: 32, height: 32, rx: 16, class: "node" }));
    } else {
      g.append(el("circle", { cx: x, cy: y, r: 14, class: "node" }));
    }
    g.append(el("text", { x, y: y + 4, class: "glyph" }, hop.silent ? "*" : String(hop.ttl)));
    const lines = hop.silent
      ? ["* * *", "no answer"]
      : [hop.ip, hop.name ? clip(hop.name, 19) : "", hop.rttText];
    lines.forEach((line, k) => {
      if (line) g.append(el("text", { x, y: y + 36 + 16 * k, class: k === 0 ? "label strong" : "label" }, line));
    });
    if (hop.loss !== null && !hop.silent) {
      g.append(el("text", { x, y: y + 84, class: `label loss${lossy ? " bad" : ""}` }, `${hop.loss}% loss`));
    }
    if (isDestination) {
      g.append(el("text", { x, y: y + 102, class: "label strong" }, clip(model.destination.label, 18)));
    }
    const title = [
      `TTL ${hop.ttl}`,
      hop.silent ? "silent: no answer" : hop.ip,
      hop.name,
      hop.asn !== null ? `AS${hop.asn} ${hop.aso || ""}` : hop.groupLabel,
      hop.location,
      hop.mile,
      hop.silent ? null : `RTT ${hop.rttText}`,
      hop.loss !== null ? `loss ${hop.loss}%` : null,
    ].filter(Boolean);
    g.append(el("title", {}, title.join("\n")));
    svg.append(g);
  });

  if (!reached) {
    const { x, top } = place.at(hops.length + 1);
    const y = top + NODE_Y;
    const g = el("g", { class: "endpoint destination unreachable" });
    g.append(el("rect", { x: x - 16, y: y - 16, width: 32, height: 32, rx: 16 }));
    g.append(el("text", { x, y: y + 5, class: "glyph" }, "✕"));
    g.append(el("text", { x, y: y + 36, class: "label strong" }, clip(model.destination.label, 18)));
    g.append(el("text", { x, y: y + 52, class: "label bad" }, "not reached"));
    svg.append(g);
  }
  return svg;
}

/** The hops as a table (the same facts as the drawing, for reading and copying). */
export function hopTable(model) {
  const table = document.createElement("table");
  table.className = "hops";
  const columns = [
    ["TTL", (h) => h.ttl],
    ["Address", (h) => (h.silent ? "*" : h.ip)],
    ["Name", (h) => h.name || ""],
    ["Network", (h) => h.groupLabel || ""],
  ];
  if (model.miles) {
    columns.push(["Mile", (h) => h.mile || ""], ["Location", (h) => h.location || ""]);
  }
  columns.push(["RTT", (h) => h.rttText]);
  if (model.vendor === "cloudflare") columns.push(["Loss", (h) => (h.loss === null ? "" : `${h.loss}%`)]);
  const head = table.createTHead().insertRow();
  for (const [name] of columns) {
    const th = document.createElement("th");
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  for (const hop of model.hops) {
    const row = body.insertRow();
    row.dataset.ttl = hop.ttl;
    if (hop.silent) row.className = "silent";
    for (const [, get] of columns) row.insertCell().textContent = String(get(hop) ?? "");
  }
  return table;
}
