using System.Text;
using System.Text.RegularExpressions;

namespace PayHub.Tests.Docs;

/// <summary>One thing a page asks the reader to run: its commands, and what the page says they print (null: not shown).</summary>
public sealed record Example(int Line, string Commands, string? Prints);

/// <summary>
/// The runnable examples of a Markdown page, in the page's order, by the convention every page states:
/// a <c>```sh</c> block runs as it is (what it prints is not shown); in a <c>```console</c> block each
/// <c>$ </c> line (continued by a trailing <c>\</c>) runs and the lines after it, up to the next <c>$ </c>,
/// are what it prints, where <c>…</c> stands for whatever differs on every run (ids, times, signatures,
/// codes); a block right after a <c>&lt;!-- illustration … --&gt;</c> comment does not run (a production
/// host, a long-running server, a file under /var/lib). Blocks in other languages are file contents or
/// answers shown for reading, and never run.
/// </summary>
public static partial class MarkdownExamples
{
    public static IReadOnlyList<Example> Read(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var examples = new List<Example>();
        var previous = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                if (lines[i].Trim().Length > 0)
                {
                    previous = lines[i].Trim();
                }

                continue;
            }

            var language = fence.Groups[1].Value;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            var body = lines[start..end];
            var illustration = previous.StartsWith("<!-- illustration", StringComparison.Ordinal);
            if (!illustration && language == "sh")
            {
                examples.Add(new Example(start + 1, string.Join('\n', body), null));
            }
            else if (!illustration && language == "console")
            {
                examples.AddRange(Console(body, start + 1));
            }

            previous = "```";
            i = end;
        }

        return examples;
    }

    /// <summary>True when <paramref name="printed"/> is what <paramref name="expected"/> shows, <c>…</c> matching anything.</summary>
    public static bool Matches(string expected, string printed)
    {
        static string Tidy(string text) => string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim('\n');
        var pattern = "^" + string.Join(@"[\s\S]*?", Tidy(expected).Split('…').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(Tidy(printed), pattern, RegexOptions.None, TimeSpan.FromSeconds(5));
    }

    private static IEnumerable<Example> Console(string[] body, int firstLine)
    {
        for (var i = 0; i < body.Length; i++)
        {
            if (!body[i].StartsWith("$ ", StringComparison.Ordinal))
            {
                continue;
            }

            var line = firstLine + i;
            var command = new StringBuilder(body[i][2..]);
            while (body[i].EndsWith('\\') && i + 1 < body.Length)
            {
                command.Append('\n').Append(body[++i]);
            }

            var prints = new List<string>();
            while (i + 1 < body.Length && !body[i + 1].StartsWith("$ ", StringComparison.Ordinal))
            {
                prints.Add(body[++i]);
            }

            yield return new Example(line, command.ToString(), string.Join('\n', prints));
        }
    }

    [GeneratedRegex(@"^```([A-Za-z0-9_-]*)\s*$")]
    private static partial Regex Fence();
}
