using System.Globalization;
using System.Text;
using System.Xml;

namespace PayHub.Cli.Conformance;

/// <summary>The results of one family's cases against one implementation, and their three forms: a console summary, JUnit XML, an HTML page.</summary>
public sealed record ConformanceReport(string Family, Uri Url, DateTimeOffset StartedAt, IReadOnlyList<CaseResult> Results)
{
    public int Count(CaseOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    public string Totals => $"{Family}: {Count(CaseOutcome.Passed)} passed, {Count(CaseOutcome.Failed)} failed, {Count(CaseOutcome.NotRun)} not run";

    /// <summary>One line per case, then the totals; a failure's and a case not run's reason on the line.</summary>
    public void WriteSummary(TextWriter output)
    {
        output.WriteLine($"payhub conform {Family} against {Url}");
        foreach (var result in Results)
        {
            var label = result.Outcome switch
            {
                CaseOutcome.Passed => "pass   ",
                CaseOutcome.Failed => "FAIL   ",
                _ => "not run",
            };
            var reason = result.Outcome == CaseOutcome.Passed ? "" : ": " + result.Reason;
            output.WriteLine($"{label} {result.Case.Id} {result.Case.Title}{reason}");
        }

        output.WriteLine(Totals);
    }

    /// <summary>
    /// JUnit XML as CI systems read it: one <c>testsuite</c> (the family) of one <c>testcase</c> per case; a failure as
    /// <c>&lt;failure message=…&gt;</c> with the exchanges, a case not run as <c>&lt;skipped message=…&gt;</c>.
    /// </summary>
    public void WriteJUnit(Stream output)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "payhub conform");
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Family);
        xml.WriteAttributeString("tests", Results.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", Count(CaseOutcome.Failed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", Count(CaseOutcome.NotRun).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("timestamp", StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(Results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration)));
        xml.WriteStartElement("properties");
        Property(xml, "url", Url.ToString());
        xml.WriteEndElement();
        foreach (var result in Results)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", $"conform.{Family}");
            xml.WriteAttributeString("name", $"{result.Case.Id} {result.Case.Title}");
            xml.WriteAttributeString("time", Seconds(result.Duration));
            if (result.Outcome != CaseOutcome.Passed)
            {
                xml.WriteStartElement(result.Outcome == CaseOutcome.Failed ? "failure" : "skipped");
                xml.WriteAttributeString("message", Clean(result.Reason));
                if (result.Outcome == CaseOutcome.Failed)
                {
                    xml.WriteString(Clean($"{result.Reason}\n\nContract: {result.Case.Contract}\n\n{Exchanges(result)}"));
                }

                xml.WriteEndElement();
            }

            xml.WriteElementString("system-out", Clean($"Contract: {result.Case.Contract}\n\n{Exchanges(result)}"));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    public static string Exchanges(CaseResult result)
    {
        var text = new StringBuilder();
        foreach (var (exchange, i) in result.Exchanges.Select((e, i) => (e, i + 1)))
        {
            text.Append("--- sent (").Append(i).Append(") ---\n").Append(exchange.Sent.TrimEnd()).Append("\n--- received ---\n").Append(exchange.Received.TrimEnd()).Append("\n\n");
        }

        return text.ToString();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot hold every character a wrong answer may carry: those become U+FFFD.</summary>
    private static string Clean(string text) => string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'));
}
