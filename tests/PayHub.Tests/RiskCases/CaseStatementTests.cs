using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PayHub.RiskCases;
using PayHub.Storage;
using SQLitePCL;

namespace PayHub.Tests.RiskCases;

/// <summary>
/// The risk page's statement is compiled once a connection and then only bound and stepped: SQLite compiles a statement
/// again whenever a parameter its plan depends on is bound anew (a <c>LIMIT</c> parameter is one, since SQLite 3.47), which
/// under load had every page parsed and planned again.
/// </summary>
public sealed class CaseStatementTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    [Fact]
    public async Task A_page_is_not_compiled_again_when_its_values_change()
    {
        var database = factory.Services.GetRequiredService<Database>();
        if (database.Engine != DatabaseEngine.Sqlite)
        {
            return; // PostgreSQL plans a prepared statement by its own rules; this is SQLite's.
        }

        var filters = new[] { ("2023-05-01 00:00:00", "2023-05-31 23:59:59"), ("2023-06-01 00:00:00", "2023-06-30 23:59:59"), ("2023-04-18 14:22:00", "2023-06-03 17:05:00") }
            .SelectMany(range => new[] { 1, 2 }.Select(page => new CaseFilter(null, null, null, range.Item1, range.Item2, page, 1)))
            .ToList();
        var (afterExpiry, afterThat) = await database.ReadAsync(async db =>
        {
            var connection = ((SqliteConnection)db.Connection).Handle!;
            await PagesAsync(db, filters);

            // SQLite asks the authorizer about each table a statement reads while it compiles the statement, and only then.
            // Setting one expires the connection's statements: each is compiled once more at its next run, and never after.
            var compiled = 0;
            raw.sqlite3_set_authorizer(connection, (object _, int action, string table, string _, string _, string _) =>
            {
                if (action == raw.SQLITE_READ && table == "risk_case_scope")
                {
                    compiled++;
                }

                return raw.SQLITE_OK;
            }, null);
            try
            {
                await PagesAsync(db, filters);
                var first = compiled;
                compiled = 0;
                await PagesAsync(db, filters);
                return (first, compiled);
            }
            finally
            {
                raw.sqlite3_set_authorizer(connection, (delegate_authorizer?)null, null);
            }
        });

        Assert.True(afterExpiry > 0, "the authorizer saw no statement compiled after setting it expired them all");
        Assert.Equal(0, afterThat);
    }

    private static async Task PagesAsync(PreparedStatements db, List<CaseFilter> filters)
    {
        foreach (var filter in filters)
        {
            await RiskCaseStore.PageAsync(db, "FW1000161", filter);
        }
    }
}
