using System.Globalization;
using System.Text;
using System.Text.Json;
using PayHub.Protocols.RiskCases;

namespace PayHub.Bench;

/// <summary>
/// Lets wrk query the synthetic risk-case book (<c>payhub risk-book</c>) as its level-1 agents:
/// for every level-1 agent and every month of the book, the first page (20 rows) of that month,
/// signed with the agent's synthetic secret by the same signer the server verifies with.
/// The book's naming: level-1 agents SA01…, accessid "syn" + number in lower case, secret
/// "synthetic-" + number, months ending December 2025.
/// </summary>
public static class RiskQueries
{
    public static int Write(string luaPath, int top, int months)
    {
        var lua = new StringBuilder("risk_queries = {\n");
        var first = new DateTime(2025, 12, 1).AddMonths(1 - months);
        for (var a = 1; a <= top; a++)
        {
            var agentNo = $"SA{a:D2}";
            for (var m = 0; m < months; m++)
            {
                var start = first.AddMonths(m);
                var query = new Dictionary<string, object>
                {
                    ["accessid"] = "syn" + agentNo.ToLowerInvariant(),
                    ["page"] = 1,
                    ["rows"] = 20,
                    ["createTimeStart"] = start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    ["createTimeEnd"] = start.AddMonths(1).AddSeconds(-1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                };
                var element = JsonSerializer.SerializeToElement(query, BenchJson.Default.DictionaryStringObject);
                query["sign"] = RiskSign.Sign(element, "synthetic-" + agentNo);
                lua.Append("  [==[").Append(JsonSerializer.Serialize(query, BenchJson.Default.DictionaryStringObject)).Append("]==],\n");
            }
        }

        File.WriteAllText(luaPath, lua.Append("}\n").ToString());
        return 0;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;
