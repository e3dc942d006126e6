using System.Text;
using Xunit.Abstractions;

namespace PayHub.Tests.Mutation;

/// <summary>
/// One family's mutation campaign: how many mutants, from which seed (both from the environment, so CI
/// runs a few hundred and <c>bench/mutation.sh</c> ten thousand), how many reached each check of the
/// family's order (the check that answered them), and every answer SPEC.md does not allow. The report
/// goes to the test output and, with <c>PAYHUB_MUTATION_REPORT</c> set, is appended to that file.
/// </summary>
public sealed class Campaign(string family, IReadOnlyList<string> stages, ITestOutputHelper output)
{
    public static int Count => int.TryParse(Environment.GetEnvironmentVariable("PAYHUB_MUTANTS"), out var n) && n > 0 ? n : 300;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("PAYHUB_MUTATION_SEED"), out var s) ? s : 20261201;

    private readonly Dictionary<string, int> _reached = stages.ToDictionary(s => s, _ => 0);
    private readonly Dictionary<string, int> _kinds = [];
    private readonly List<string> _violations = [];
    private int _dataChanges;

    public Random Random { get; } = new(Seed ^ family.Aggregate(17, (h, c) => (h * 31) + c)); // string.GetHashCode differs per process

    /// <summary>Counts a mutant at the check that answered it.</summary>
    public void Reached(string stage, string kind)
    {
        Assert.True(_reached.ContainsKey(stage), $"{family}: no check named {stage}");
        _reached[stage]++;
        var operation = kind.Split(' ')[0];
        _kinds[operation] = _kinds.GetValueOrDefault(operation) + 1;
    }

    public void DataChanged() => _dataChanges++;

    /// <summary>Notes an answer SPEC.md does not allow, with what was sent, to be reported together at the end.</summary>
    public void Violation(int mutant, string kind, string what, string sent, string answer)
    {
        if (_violations.Count < 20)
        {
            _violations.Add($"mutant {mutant} ({kind}): {what}\n  sent: {Shorten(sent)}\n  answer: {Shorten(answer)}");
        }
        else if (_violations.Count == 20)
        {
            _violations.Add("… more");
        }
    }

    /// <summary>Writes the report and fails on any violation; checks the campaign got past the first checks.</summary>
    public void Finish(int mutants, params string[] mustReach)
    {
        var report = new StringBuilder()
            .AppendLine($"### {family}: {mutants} mutants, seed {Seed}")
            .AppendLine()
            .AppendLine("| check (in the family's order) | mutants it answered |")
            .AppendLine("|---|---|");
        foreach (var stage in stages)
        {
            report.AppendLine($"| {stage} | {_reached[stage]} |");
        }

        report.AppendLine()
            .AppendLine($"Mutation operators: {string.Join(", ", _kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}.")
            .AppendLine($"Changes to the stored data: {_dataChanges}, each under an answer SPEC.md says changes it. Answers SPEC.md does not allow: {_violations.Count}.")
            .AppendLine();
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("PAYHUB_MUTATION_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, report.ToString());
        }

        Assert.True(_violations.Count == 0, string.Join("\n", _violations));
        Assert.Equal(mutants, _reached.Values.Sum());
        foreach (var stage in mustReach)
        {
            Assert.True(_reached[stage] > 0, $"{family}: no mutant reached '{stage}': the campaign does not get that deep");
        }
    }

    /// <summary>
    /// Sends one mutant: the headers as given (Content-Type on the content, the rest on the request, none
    /// validated), the body as it is. Null, with a violation noted, when no answer comes back.
    /// </summary>
    public async Task<HttpResponseMessage?> SendAsync(HttpClient http, int mutant, string kind, string sent, string method, string path, Dictionary<string, string> headers, byte[] body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            _ = name == "Content-Type" ? request.Content.Headers.TryAddWithoutValidation(name, value) : request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            return await http.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            Violation(mutant, kind, "no answer: " + e.Message, sent, "");
            return null;
        }
    }

    /// <summary>Every row of a query as one string: a family's stored state, compared before and after each mutant.</summary>
    public static string Fingerprint(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
