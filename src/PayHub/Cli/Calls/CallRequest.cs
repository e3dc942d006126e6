using PayHub.Client;
using PayHub.Hosting;

namespace PayHub.Cli.Calls;

/// <summary>What <c>payhub call</c> was asked: one operation of one family, its fields, where to send it and as whom.</summary>
public sealed record CallRequest(
    string Operation,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    string? File,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    CallProfile Profile,
    Uri Url,
    bool Explain,
    string? Encrypt,
    string? DataType,
    TextWriter Out,
    TimeProvider Clock)
{
    /// <summary>Prints each step of the exchange under a heading, when <c>--explain</c> asked for it.</summary>
    public Action<ExchangeStep>? Explainer => Explain ? step => Out.WriteLine($"-- {step.Name} --\n{step.Text.TrimEnd('\n')}\n") : null;

    /// <summary>The request file's bytes, or a one-line problem.</summary>
    public byte[]? FileBytes() =>
        File is null ? null
        : System.IO.File.Exists(File) ? System.IO.File.ReadAllBytes(File)
        : throw new StartupProblem($"the request file {File} does not exist.", ExitCodes.Usage);

    /// <summary>Writes the heading of the answer after the explained steps.</summary>
    public void AnswerHeading()
    {
        if (Explain)
        {
            Out.WriteLine("-- answer --");
        }
    }

    /// <summary>A header written as curl has it (<c>Name: value</c>) in the <c>name=value</c> form of the other options.</summary>
    public static string CurlHeader(string text) =>
        text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && (text.IndexOf('=', StringComparison.Ordinal) is var equals && (equals < 0 || colon < equals))
            ? text[..colon].Trim() + "=" + text[(colon + 1)..].Trim()
            : text;

    /// <summary><c>name=value</c> pairs of <c>--field</c> or <c>--header</c>, or a problem naming the one without <c>=</c>.</summary>
    public static List<KeyValuePair<string, string>> Pairs(IEnumerable<string> texts, string option) =>
        texts.Select(text => text.IndexOf('=', StringComparison.Ordinal) is var at and > 0
                ? new KeyValuePair<string, string>(text[..at], text[(at + 1)..])
                : throw new StartupProblem($"{option} {text}: write it as name=value.", ExitCodes.Usage))
            .ToList();
}
