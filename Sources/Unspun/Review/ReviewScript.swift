/// The review page's script: unpacks the index, builds each view on demand, and rebuilds a
/// document's input text from its output and change record (as `unspun revert` does), with every
/// edit placed on the input (byte offsets mapped back stage by stage).
extension ReviewAssets {
    static let script = #"""
        <script>
        "use strict";
        const enc = new TextEncoder(), dec = new TextDecoder();
        const esc = s => String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
        async function unpack(b64) {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
          return JSON.parse(await new Response(stream).text());
        }
        let D, byId, members, chunks = new Map();
        async function entry(i) {
          const c = D.docs[i][3];
          if (!chunks.has(c)) chunks.set(c, unpack(P.c[c]));
          return (await chunks.get(c))[i - c * D.chunk];
        }
        // Each stage's edits refer to that stage's input: group them, undo the last stage first.
        function groups(edits) {
          const out = [];
          for (const e of edits) { if (out.length && out[out.length - 1][0][0] === e[0]) out[out.length - 1].push(e); else out.push([e]); }
          return out;
        }
        function revert(bytes, group) {
          const parts = []; let cursor = 0, shift = 0;
          for (const e of group) {
            const start = e[2] + shift, after = enc.encode(e[5]);
            parts.push(bytes.subarray(cursor, start), enc.encode(e[4]));
            cursor = start + after.length; shift += after.length - (e[3] - e[2]);
          }
          parts.push(bytes.subarray(cursor));
          const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let at = 0;
          for (const p of parts) { out.set(p, at); at += p.length; }
          return out;
        }
        // Pieces of the current text: [length, inputStart, inputEnd, same]; an edit's output
        // stands for the input bytes it replaced.
        function place(input, gs) {
          let pieces = [[input.length, 0, input.length, true]]; const placed = [];
          gs.forEach((group, level) => {
            const starts = []; let pos = 0;
            for (const p of pieces) { starts.push(pos); pos += p[0]; }
            const source = (off, right) => {
              let i = 0; while (i + 1 < pieces.length && starts[i + 1] <= off && !(right && starts[i + 1] === off)) i++;
              const p = pieces[i], within = off - starts[i];
              return p[3] ? p[1] + Math.min(within, p[0]) : (right || within > 0 ? p[2] : p[1]);
            };
            const next = []; let cursor = 0;
            const copy = limit => {
              pieces.forEach((p, i) => {
                const lo = Math.max(starts[i], cursor), hi = Math.min(starts[i] + p[0], limit);
                if (lo < hi) next.push(p[3] ? [hi - lo, p[1] + lo - starts[i], p[1] + hi - starts[i], true] : [hi - lo, p[1], p[2], false]);
              });
              cursor = Math.max(cursor, limit);
            };
            for (const e of group) {
              const s = source(e[2], false), t = source(Math.max(e[2], e[3]), true);
              placed.push({s, t, e, level, kids: []});
              copy(e[2]); next.push([enc.encode(e[5]).length, s, t, false]); cursor = Math.max(cursor, e[3]);
            }
            copy(pos); pieces = next;
          });
          return placed;
        }
        // Later stages' edits enclose the earlier ones they cover.
        function tree(placed) {
          placed.sort((a, b) => a.s - b.s || b.t - a.t || b.level - a.level);
          const root = {s: 0, t: Infinity, kids: []}, stack = [root];
          for (const p of placed) {
            const inside = q => q === root || (p.s >= q.s && p.t <= q.t && (p.s < q.t || q.s === q.t));
            while (!inside(stack[stack.length - 1])) stack.pop();
            stack[stack.length - 1].kids.push(p); stack.push(p);
          }
          return root;
        }
        function render(input, node, from, to) {
          let html = "", cursor = from;
          for (const k of node.kids) {
            if (k.s < cursor) continue;
            html += esc(dec.decode(input.subarray(cursor, k.s))) + mark(input, k); cursor = k.t;
          }
          return html + esc(dec.decode(input.subarray(cursor, to)));
        }
        function mark(input, k) {
          const [stage, rule, , , before, after, kinds] = k.e, st = D.stages[stage], r = D.rules[rule];
          if (st === "strip" && after === "") {
            return before.split("\n").map((line, i) => {
              const kind = kinds && kinds[i] >= 0 ? D.kinds[kinds[i]] : null;
              return kind === null ? esc(line) : `<del class="rm" data-kind="${esc(kind)}" data-rule="${esc(r)}"><span class="tag">${esc(kind)} · ${esc(r)}</span>${esc(line)}</del>`;
            }).join("\n");
          }
          const cls = st === "reference" ? "ref" : st === "normalize" ? "nm" : "rp";
          const was = k.kids.length ? render(input, k, k.s, k.t) : esc(dec.decode(input.subarray(k.s, k.t)));
          return `<mark class="${cls}" data-rule="${esc(r)}" data-was="${esc(before)}">${esc(after) || "∅"}<span class="tip"><b>${esc(st)}/${esc(r)}</b>\nwas: ${was}</span></mark>`;
        }
        const main = document.getElementById("main");
        function nav(name) { for (const n of ["summary", "docs", "story"]) document.getElementById("nav-" + n).className = n === name ? "on" : ""; }
        function bars(title, pairs, color) {
          pairs = pairs.slice(0, 14); const max = Math.max(1, ...pairs.map(p => p[1])), h = 22 * pairs.length + 8;
          const rows = pairs.map(([label, n], i) => `<text x="0" y="${22 * i + 18}">${esc(label.length > 34 ? label.slice(0, 33) + "…" : label)}</text>`
            + `<rect x="230" y="${22 * i + 5}" width="${Math.max(2, 230 * n / max)}" height="16" fill="${color}"/><text x="${236 + 230 * n / max}" y="${22 * i + 18}">${n}</text>`).join("");
          return `<div class="chart"><h3>${esc(title)}</h3><svg width="520" height="${h}" role="img">${rows}</svg></div>`;
        }
        const sorted = obj => Object.entries(obj || {}).sort((a, b) => b[1] - a[1]);
        function summary() {
          nav("summary"); const R = D.report, docs = R.documents || {};
          const stages = {}; for (const [rule, n] of sorted(R.edits_by_rule)) { const s = rule.split("/")[0]; stages[s] = (stages[s] || 0) + n; }
          const card = (n, l) => `<div class="card"><div class="n">${n ?? "–"}</div><div class="l">${l}</div></div>`;
          main.innerHTML = `<div class="cards">${card(docs.read, "documents read")}${card(docs.written, "written")}${card(docs.rejected, "rejected")}`
            + `${card(R.stories, "stories")}${card(R.stories_with_copies, "stories with copies")}${card(R.spun_copies, "spun copies repaired")}`
            + `${card(R.reference_repaired_sentences, "sentences repaired from the original")}${card(R.blank_texts, "blank texts")}</div>`
            + `<div class="charts">${bars("Lines removed, by kind", sorted(R.removed_lines_by_kind), "#c0504d")}${bars("Edits, by stage", sorted(stages), "#4f81bd")}`
            + `${bars("Edits, by rule (most used)", sorted(R.edits_by_rule), "#2e9b45")}</div>`
            + (D.rejects.length ? `<h3>Rejected records</h3><table><tr><th>file</th><th>line</th><th>id</th><th>reason</th></tr>`
              + D.rejects.slice(0, 500).map(r => `<tr>${r.map(x => `<td>${esc(x ?? "")}</td>`).join("")}</tr>`).join("") + "</table>" : "");
        }
        const FLAGS = [[1, "canon", "canonical"], [2, "spun", "spun copy"], [4, "rep", "repaired"]];
        const badges = f => FLAGS.filter(([b]) => f & b).map(([, c, l]) => `<span class="badge ${c}">${l}</span>`).join("");
        function docs(params) {
          nav("docs"); const q = params.get("q") || "", kind = params.get("kind") ?? "", rule = params.get("rule") ?? "", spun = params.get("spun") === "1";
          const page = +(params.get("page") || 0), K = kind === "" ? -1 : +kind, U = rule === "" ? -1 : +rule;
          const hits = [];
          D.docs.forEach((d, i) => { if ((!q || d[0].includes(q)) && (K < 0 || d[4].includes(K)) && (U < 0 || d[5].includes(U)) && (!spun || d[2] & 2)) hits.push(i); });
          const options = (names, chosen) => names.map((n, i) => `<option value="${i}"${String(i) === chosen ? " selected" : ""}>${esc(n)}</option>`).join("");
          const shown = hits.slice(page * 100, page * 100 + 100);
          main.innerHTML = `<div class="filters"><input id="q" placeholder="search by id" value="${esc(q)}" size="28">`
            + `<select id="kind"><option value="">any kind removed</option>${options(D.kinds, kind)}</select>`
            + `<select id="rule"><option value="">any rule</option>${options(D.rules, rule)}</select>`
            + `<label><input type="checkbox" id="spun"${spun ? " checked" : ""}> spun copies only</label><span>${hits.length} of ${D.docs.length} documents</span></div>`
            + `<table><tr><th>id</th><th>story</th><th></th><th>removed kinds</th><th>edits by</th></tr>`
            + shown.map(i => { const d = D.docs[i]; return `<tr><td><a href="#doc/${encodeURIComponent(d[0])}">${esc(d[0])}</a></td>`
              + `<td>${d[1] === null ? "" : `<a href="#story/${d[1]}">${esc(D.stories[d[1]])}</a>`}</td><td>${badges(d[2])}</td>`
              + `<td>${d[4].map(k => esc(D.kinds[k])).join(", ")}</td><td>${d[5].length} rules</td></tr>`; }).join("") + "</table>"
            + `<div class="pager">${page > 0 ? `<button id="prev">previous 100</button>` : ""}${(page + 1) * 100 < hits.length ? `<button id="next">next 100</button>` : ""}</div>`;
          const go = p => { const s = new URLSearchParams({q: document.getElementById("q").value, kind: document.getElementById("kind").value,
            rule: document.getElementById("rule").value, spun: document.getElementById("spun").checked ? "1" : "0", page: p}); location.hash = "docs?" + s; };
          for (const id of ["kind", "rule", "spun"]) document.getElementById(id).onchange = () => go(0);
          document.getElementById("q").onkeydown = e => { if (e.key === "Enter") go(0); };
          if (document.getElementById("prev")) document.getElementById("prev").onclick = () => go(page - 1);
          if (document.getElementById("next")) document.getElementById("next").onclick = () => go(page + 1);
        }
        async function documentView(id) {
          nav("docs"); const i = byId.get(id);
          if (i === undefined) { main.innerHTML = `<p>No document with id ${esc(id)}.</p>`; return; }
          const [text, edits, meta] = await entry(i), d = D.docs[i];
          let input = enc.encode(text); const gs = groups(edits);
          for (const g of gs.slice().reverse()) input = revert(input, g);
          const body = render(input, tree(place(input, gs)), 0, input.length);
          const metaHtml = Object.entries(meta).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(typeof v === "string" ? v : JSON.stringify(v))}</dd>`).join("");
          main.innerHTML = `<h2 id="doc-title">${esc(id)} ${badges(d[2])}${d[1] === null ? "" : ` <a href="#story/${d[1]}">in ${esc(D.stories[d[1]])}</a>`}</h2>`
            + `<p class="legend"><span><del class="rm">removed line</del> kind · rule</span><span><mark class="rp">repaired phrase</mark></span>`
            + `<span><mark class="ref">sentence from the original</mark></span><span><mark class="nm">normalized</mark></span> (hover a mark for the rule and the input's wording)</p>`
            + `<div class="docview"><div class="text" id="doc-text">${body}</div><dl class="meta"><b>Metadata lifted and found</b>${metaHtml || "<dd>none</dd>"}</dl></div>`;
        }
        async function storyView(n) {
          nav("story");
          if (n === "" || !members.has(+n)) {
            const list = [...members.entries()].filter(([, m]) => m.length > 1).slice(0, 300);
            main.innerHTML = `<p>${members.size} stories; those with copies:</p><table><tr><th>story</th><th>members</th></tr>`
              + list.map(([s, m]) => `<tr><td><a href="#story/${s}">${esc(D.stories[s])}</a></td><td>${m.length}</td></tr>`).join("") + "</table>";
            return;
          }
          const ids = members.get(+n);
          let html = `<h2>Story ${esc(D.stories[+n])}</h2><table><tr><th>member</th><th></th><th>removed kinds</th></tr>`
            + ids.map(i => { const d = D.docs[i]; return `<tr><td>${d[2] & 1 ? "★ " : ""}<a href="#doc/${encodeURIComponent(d[0])}">${esc(d[0])}</a></td><td>${badges(d[2])}</td><td>${d[4].map(k => esc(D.kinds[k])).join(", ")}</td></tr>`; }).join("") + "</table>";
          for (const i of ids.filter(i => D.docs[i][2] & 6)) {
            const [, edits] = await entry(i), repairs = edits.filter(e => ["repair", "reference"].includes(D.stages[e[0]]));
            if (!repairs.length) continue;
            html += `<h3>${esc(D.docs[i][0])}: ${repairs.length} repairs against the original</h3><table class="story"><tr><th>rule</th><th>spun copy</th><th>repaired</th></tr>`
              + repairs.map(e => `<tr><td>${esc(D.rules[e[1]])}</td><td class="spun-was">${esc(e[4])}</td><td class="spun-now">${esc(e[5])}</td></tr>`).join("") + "</table>";
          }
          main.innerHTML = html;
        }
        async function route() {
          const raw = location.hash.slice(1) || "summary", slash = raw.indexOf("/");
          const arg = slash < 0 ? undefined : decodeURIComponent(raw.slice(slash + 1)), [name, query] = (slash < 0 ? raw : raw.slice(0, slash)).split("?");
          if (name === "doc") await documentView(arg);
          else if (name === "story") await storyView(arg ?? "");
          else if (name === "docs") docs(new URLSearchParams(query || ""));
          else summary();
          document.body.dataset.ready = location.hash || "#summary";
        }
        (async () => {
          D = await unpack(P.i); byId = new Map(D.docs.map((d, i) => [d[0], i])); members = new Map();
          D.docs.forEach((d, i) => { if (d[1] !== null) { if (!members.has(d[1])) members.set(d[1], []); members.get(d[1]).push(i); } });
          document.getElementById("status").textContent = `${D.docs.length} documents`;
          window.onhashchange = route; await route();
        })();
        </script>
        </body></html>

        """#
}
