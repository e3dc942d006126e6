using System.Data.Common;
using PayHub.Agreements.Channels;
using PayHub.Storage;

namespace PayHub.Tests.Agreements;

/// <summary>
/// The sandbox bank finds a book entry by its key, however stale the database's statistics: a step's lookup by
/// accounts must not read every entry of the bank (as it did on PostgreSQL through the index by agreement number when
/// the statistics were taken before the bank had entries), and a lookup by agreement number still has its index.
/// </summary>
public sealed class SandboxBookLookupTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("sandbox-book");
    private readonly string _location;

    public SandboxBookLookupTests()
    {
        _location = TestDatabases.For(_folder);
        using var database = new Database(_location);
        Migrator.Migrate(database);
        using var connection = TestDatabases.Open(_location);

        // Statistics taken while only another bank had entries, then 5,000 pending entries (no agreement number yet) of
        // ALIPAY01 and one signed one.
        Run(connection, "INSERT INTO dsp_sandbox_agreements (bank_code, pay_act, rec_act, policy_no, state, updated_at) " + Series("CMBC02", 1, 200));
        Run(connection, "ANALYZE dsp_sandbox_agreements");
        Run(connection, "INSERT INTO dsp_sandbox_agreements (bank_code, pay_act, rec_act, policy_no, state, updated_at) " + Series("ALIPAY01", 1, 5_000));
        Run(connection, "UPDATE dsp_sandbox_agreements SET state = 'signed', auth_code = '20000000000000000001' WHERE bank_code = 'ALIPAY01' AND pay_act = 'P4000'");
    }

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public void A_lookup_by_accounts_searches_the_books_key()
    {
        var plan = Plan(SandboxBankStore.ByAccounts, "ALIPAY01", "P4000", "6217661145901883428", "");

        Assert.DoesNotContain("dsp_sandbox_agreements_auth_code", plan, StringComparison.Ordinal);
        Assert.Contains(KeySearch(plan), line => line.Contains("pay_act", StringComparison.Ordinal) && line.Contains("rec_act", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lookup_by_agreement_number_uses_the_index_of_agreement_numbers()
    {
        var plan = Plan(SandboxBankStore.ByAuthCode, "ALIPAY01", "20000000000000000001");

        Assert.Contains("dsp_sandbox_agreements_auth_code", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_lookups_find_the_entry()
    {
        using var connection = TestDatabases.Open(_location);
        Assert.Equal("signed", State(connection, SandboxBankStore.ByAccounts, "ALIPAY01", "P4000", "6217661145901883428", ""));
        Assert.Equal("signed", State(connection, SandboxBankStore.ByAuthCode, "ALIPAY01", "20000000000000000001"));
    }

    /// <summary>The lines of the plan that search an index with conditions (PostgreSQL's Index Cond, SQLite's SEARCH … USING INDEX).</summary>
    private static IEnumerable<string> KeySearch(string plan) =>
        plan.Split('\n').Where(line => line.Contains("Index Cond", StringComparison.Ordinal) || line.Contains("USING INDEX", StringComparison.Ordinal) || line.Contains("USING PRIMARY KEY", StringComparison.Ordinal));

    private string Plan(string sql, params object[] values)
    {
        using var connection = TestDatabases.Open(_location);
        using var command = Command(connection, (TestDatabases.Engine == DatabaseEngine.PostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql, values);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            // PostgreSQL: one column per line of the plan; SQLite: id, parent, unused, detail.
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return string.Join('\n', lines);
    }

    private static string Series(string bankCode, int first, int last) => TestDatabases.Engine == DatabaseEngine.PostgreSql
        ? $"SELECT '{bankCode}', 'P' || g, '6217661145901883428', '', 'pending', 'x' FROM generate_series({first}, {last}) AS g"
        : $"WITH RECURSIVE g(n) AS (SELECT {first} UNION ALL SELECT n + 1 FROM g WHERE n < {last}) SELECT '{bankCode}', 'P' || n, '6217661145901883428', '', 'pending', 'x' FROM g";

    private static void Run(DbConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>The state column (the fourth) of the one entry the lookup finds; null when none.</summary>
    private static string? State(DbConnection connection, string sql, params object[] values)
    {
        using var command = Command(connection, sql, values);
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetString(3) : null;
    }

    private static DbCommand Command(DbConnection connection, string sql, params object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
