using System.Text.RegularExpressions;

namespace PayHub.Tests.Storage;

/// <summary>
/// SQL lives in the family stores (<c>src/PayHub/&lt;Family&gt;/Store/</c>) and the shared storage
/// layer (<c>src/PayHub/Storage/</c>) only; every migration exists in both dialects.
/// </summary>
public sealed partial class SqlPlacementTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "PayHub");

    [GeneratedRegex(@"\b(SELECT\b[\s\S]{0,400}?\bFROM|INSERT\s+INTO|UPDATE\s+[a-z_]+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER)|ALTER\s+TABLE|DROP\s+TABLE)\b")]
    private static partial Regex Sql();

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PayHub.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("PayHub.slnx not found above " + AppContext.BaseDirectory);
    }

    private static bool MayHoldSql(string relativePath)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar);
        return parts[0] == "Storage" || (parts.Length > 2 && parts[1] == "Store");
    }

    [Theory]
    [InlineData("var rows = db.Query(\"SELECT bank_code FROM dsp_channels\");", true)]
    [InlineData("scope.Execute(\"UPDATE risk_cases SET closed = 1 WHERE case_no = @p0\", caseNo);", true)]
    [InlineData("\"\"\"\n    INSERT INTO audit_trail (at) VALUES (@p0)\n    \"\"\"", true)]
    [InlineData("connection.Execute(\"DELETE FROM ga_integrator_keys WHERE client_id = @clientId\");", true)]
    [InlineData("/// <summary>Select the channel from the directory; update the cache.</summary>", false)]
    [InlineData("var select = options.Select(o => o.Name);", false)]
    public void The_check_recognises_sql(string code, bool isSql) => Assert.Equal(isSql, Sql().IsMatch(code));

    [Fact]
    public void No_sql_outside_the_family_stores_and_storage()
    {
        var files = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Source, path))
            .Where(path => !path.StartsWith("bin", StringComparison.Ordinal) && !path.StartsWith("obj", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"found only {files.Count} source files under {Source}");

        var offenders = files.Where(path => !MayHoldSql(path) && Sql().IsMatch(File.ReadAllText(Path.Combine(Source, path)))).ToList();

        Assert.True(offenders.Count == 0, "SQL outside the stores: " + string.Join(", ", offenders));
        Assert.Contains(files, path => MayHoldSql(path) && path.Contains("Store", StringComparison.Ordinal) && Sql().IsMatch(File.ReadAllText(Path.Combine(Source, path))));
    }

    [Fact]
    public void Every_migration_exists_in_both_dialects()
    {
        var migrations = Path.Combine(Source, "Storage", "Migrations");
        var sqlite = Directory.GetFiles(Path.Combine(migrations, "Sqlite"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var postgres = Directory.GetFiles(Path.Combine(migrations, "Postgres"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }
}
