/// The review page's HTML shell and style; its script is in ReviewScript.swift.
enum ReviewAssets {
    static let head = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
        <title>unspun review</title>
        <style>
        body { font: 15px/1.5 system-ui, "DejaVu Sans", sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f3; }
        header { background: #23313f; color: #fff; padding: 10px 20px; display: flex; gap: 24px; align-items: center; }
        header b { font-size: 18px; } header a { color: #cfe3ff; text-decoration: none; font-weight: 600; }
        header a.on { color: #fff; border-bottom: 2px solid #ffcf4d; }
        main { padding: 16px 20px; max-width: 1300px; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 14px; }
        .card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
        .card .n { font-size: 24px; font-weight: 700; } .card .l { color: #555; font-size: 13px; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        .chart { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px; }
        .chart h3 { margin: 0 0 6px; font-size: 15px; }
        svg text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: #222; }
        .filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 10px; }
        .filters input, .filters select { font-size: 14px; padding: 4px 6px; }
        table { border-collapse: collapse; background: #fff; }
        td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 14px; }
        th { background: #eef1f4; }
        a { color: #1a5bb5; cursor: pointer; }
        .badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 8px; background: #e4e8ee; margin-right: 4px; }
        .badge.canon { background: #ffe69a; } .badge.spun { background: #f7c6c6; } .badge.rep { background: #c9ecd0; }
        .docview { display: grid; grid-template-columns: minmax(0, 1fr) 330px; gap: 16px; }
        .text { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; white-space: pre-wrap; font-size: 15px; line-height: 1.6; }
        del.rm { color: #8a2020; background: #fbeaea; text-decoration: line-through; text-decoration-thickness: 2px; }
        del.rm .tag, mark .tag { text-decoration: none; display: inline-block; font-size: 11px; color: #fff; background: #a33; border-radius: 3px; padding: 0 4px; margin-right: 6px; font-weight: 600; }
        mark { position: relative; border-radius: 3px; padding: 0 1px; }
        mark.rp { background: #b9f0c2; border-bottom: 2px solid #2e9b45; }
        mark.ref { background: #cfe2ff; border-bottom: 2px solid #3b6fc4; }
        mark.nm { background: #f1ecd2; }
        mark .tip { display: none; position: absolute; left: 0; top: 1.6em; z-index: 5; width: 420px; background: #fffef4; color: #222;
          border: 1px solid #999; box-shadow: 0 2px 8px #0003; padding: 6px 8px; white-space: pre-wrap; font-size: 13px; }
        mark:hover > .tip { display: block; }
        .meta { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; font-size: 13px; align-self: start; }
        .meta dt { font-weight: 700; margin-top: 6px; } .meta dd { margin: 0 0 0 8px; word-break: break-word; }
        .legend span { margin-right: 12px; }
        .pager button { font-size: 14px; margin-right: 6px; }
        .story td.spun-was { background: #fdeeee; } .story td.spun-now { background: #eaf8ec; }
        </style></head>
        <body><header><b>unspun review</b><a href="#summary" id="nav-summary">Summary</a><a href="#docs" id="nav-docs">Documents</a>
        <a href="#story" id="nav-story">Stories</a><span id="status">loading…</span></header><main id="main"></main>
        <script>const P = {c: [], i: null};</script>

        """
}
