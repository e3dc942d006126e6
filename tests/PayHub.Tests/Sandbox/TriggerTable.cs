using System.Text.Json;
using System.Text.RegularExpressions;

namespace PayHub.Tests.Sandbox;

/// <summary>What <c>GET /admin/sandbox/triggers</c> lists for a family, and the copy of SPEC.md's code tables kept with the tests.</summary>
public static partial class TriggerTable
{
    public static readonly string[] Families = ["utility", "dsp", "global", "risk"];

    /// <summary>The triggers table as the server lists it.</summary>
    public static async Task<JsonElement> FetchAsync(HttpClient admin)
    {
        var answer = await admin.GetAsync("/admin/sandbox/triggers");
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static JsonElement Family(JsonElement table, string family) =>
        table.GetProperty("families").EnumerateArray().Single(f => f.GetProperty("family").GetString() == family);

    /// <summary>Each trigger of a family that gives an answer code, with each of its operations.</summary>
    public static IEnumerable<(string Value, string Code, string Operation)> Answers(JsonElement table, string family) =>
        from trigger in Family(table, family).GetProperty("triggers").EnumerateArray()
        let gives = trigger.GetProperty("gives").GetString()!
        where gives is not ("delay" or "drop" or "effect-then-drop")
        from operation in trigger.GetProperty("operations").EnumerateArray()
        select (trigger.GetProperty("value").GetString()!, gives, operation.GetString()!);

    /// <summary>The codes of each family's table in <c>spec-code-tables.md</c>, with the rest of each row.</summary>
    public static Dictionary<string, List<(string Code, string[] Cells)>> SpecCodes()
    {
        var tables = new Dictionary<string, List<(string, string[])>>();
        List<(string, string[])>? current = null;
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Sandbox", "spec-code-tables.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                tables[line[3..].Split(' ')[0]] = current = [];
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            if (current is not null && cells.Length > 1 && Code().IsMatch(cells[0]))
            {
                current.Add((cells[0], cells[1..]));
            }
        }

        return tables;
    }

    [GeneratedRegex("^[A-Z0-9_]+$")]
    private static partial Regex Code();
}
