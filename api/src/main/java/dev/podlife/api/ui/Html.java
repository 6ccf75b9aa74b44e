package dev.podlife.api.ui;

/** Escaping for text and attribute values placed in HTML or SVG. */
final class Html {
  private Html() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** The page frame: inline style only, no script, no external resource. */
  static String page(String title, String body) {
    return """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>%s</title>
    <style>
    body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330}
    h1{font-size:20px;margin:0 0 4px} .meta{color:#5b6475;margin-bottom:16px}
    table{border-collapse:collapse;margin-top:12px} td,th{padding:3px 10px;border-bottom:1px solid #e3e6ec;text-align:left;vertical-align:top}
    th{background:#f4f6f9} a{color:#1f5fbf} code{font-size:12px}
    .legend span{display:inline-block;margin-right:14px} .sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
    svg text{font:11px system-ui,sans-serif;fill:#1d2330} tr.gap td{background:#fff4e5;font-style:italic}
    </style></head><body>
    %s
    </body></html>
    """
        .formatted(escape(title), body);
  }
}
