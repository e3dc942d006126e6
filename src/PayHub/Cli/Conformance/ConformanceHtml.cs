using System.Globalization;
using System.Net;
using System.Text;

namespace PayHub.Cli.Conformance;

/// <summary>The report as one self-contained HTML page (no script, no external file): totals, then each case with its contract sentence and exchanges.</summary>
public static class ConformanceHtml
{
    private const string Style = """
        body{font:15px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
        h1{font-size:1.4rem}.totals{font-size:1.1rem;margin-bottom:1.5rem}
        .pass{color:#116329}.fail{color:#a40e26}.notrun{color:#6e5200}
        details{border:1px solid #d0d7de;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
        details.fail{border-color:#a40e26;border-width:2px}
        summary{cursor:pointer}summary b{display:inline-block;min-width:5.5rem}
        .contract{font-style:italic;margin:.4rem 0}.reason{font-weight:600}
        pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:13px}
        """;

    public static string Render(ConformanceReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>payhub conform ")
            .Append(Encode(report.Family)).Append("</title><style>").Append(Style).Append("</style></head><body>\n<main>\n<h1>payhub conform ")
            .Append(Encode(report.Family)).Append(" against ").Append(Encode(report.Url.ToString())).Append("</h1>\n<p class=\"totals\">")
            .Append("<span class=\"pass\">").Append(report.Count(CaseOutcome.Passed)).Append(" passed</span>, ")
            .Append("<span class=\"fail\">").Append(report.Count(CaseOutcome.Failed)).Append(" failed</span>, ")
            .Append("<span class=\"notrun\">").Append(report.Count(CaseOutcome.NotRun)).Append(" not run</span> · started ")
            .Append(Encode(report.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))).Append("</p>\n");
        foreach (var result in report.Results)
        {
            var (css, label) = result.Outcome switch
            {
                CaseOutcome.Passed => ("pass", "pass"),
                CaseOutcome.Failed => ("fail", "FAIL"),
                _ => ("notrun", "not run"),
            };
            html.Append("<details class=\"").Append(css).Append('"').Append(result.Outcome == CaseOutcome.Failed ? " open" : "").Append("><summary><b class=\"")
                .Append(css).Append("\">").Append(label).Append("</b> ").Append(Encode(result.Case.Id)).Append(' ').Append(Encode(result.Case.Title)).Append("</summary>\n")
                .Append("<p class=\"contract\">").Append(Encode(result.Case.Contract)).Append("</p>\n");
            if (result.Outcome != CaseOutcome.Passed)
            {
                html.Append("<p class=\"reason\">").Append(Encode(result.Reason)).Append("</p>\n");
            }

            foreach (var exchange in result.Exchanges)
            {
                html.Append("<pre>").Append(Encode(exchange.Sent.TrimEnd())).Append("</pre>\n<pre>").Append(Encode(exchange.Received.TrimEnd())).Append("</pre>\n");
            }

            html.Append("</details>\n");
        }

        return html.Append("</main>\n</body></html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
