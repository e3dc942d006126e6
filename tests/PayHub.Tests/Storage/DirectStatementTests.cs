using System.Globalization;
using Microsoft.Data.Sqlite;
using PayHub.Storage;

namespace PayHub.Tests.Storage;

/// <summary>
/// SQLite's statements that change rows run straight on its handle inside a write (<see cref="SqliteDirectStatements"/>):
/// what they store must be, byte for byte and type for type, what Microsoft.Data.Sqlite stores for the same values;
/// the rows they report changed, and the errors they raise, must be the same too. Always on a SQLite file, whatever
/// engine the rest of the suite runs on: the statements are SQLite's.
/// </summary>
public sealed class DirectStatementTests : IDisposable
{
    private const string Insert = "INSERT INTO kept_values (k, v) VALUES (@p0, @p1)";

    private readonly string _folder = TestDatabases.NewFolder("direct");
    private readonly string _location;

    public DirectStatementTests()
    {
        _location = Path.Combine(_folder, "direct.db");
        using var database = new Database(_location);
        database.Write(write => write.ExecuteScript("CREATE TABLE kept_values (k TEXT PRIMARY KEY, v)"));
    }

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    public static TheoryData<string, object?> Values() => new()
    {
        { "empty text", "" },
        { "ascii", "CustomerCheck 0001" },
        { "chinese", "王小明 杭州市西湖区 水费" },
        { "emoji", "paid 😀" },
        { "lone surrogate", "a\ud800b" },
        { "long chinese", string.Concat(Enumerable.Repeat("水费账单", 300)) },
        { "null", null },
        { "db null", DBNull.Value },
        { "zero", 0L },
        { "largest long", long.MaxValue },
        { "negative int", -5 },
        { "true", true },
        { "false", false },
        { "decimal (left to Microsoft.Data.Sqlite)", 12.50m },
        { "instant (left to Microsoft.Data.Sqlite)", new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(8)) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_written_in_a_write_is_stored_as_Microsoft_Data_Sqlite_stores_it(string name, object? value)
    {
        using (var database = new Database(_location))
        {
            Assert.Equal(1, database.Write(write => write.Execute(Insert, "direct", value)));
        }

        using (var plain = new SqliteConnection($"Data Source={_location}"))
        {
            plain.Open();
            using var command = plain.CreateCommand();
            command.CommandText = Insert;
            command.Parameters.AddWithValue("@p0", "plain");
            command.Parameters.AddWithValue("@p1", value ?? DBNull.Value);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var direct = Stored("direct");
        var plainly = Stored("plain");
        Assert.True(plainly == direct, $"{name}: {direct} stored straight, {plainly} by Microsoft.Data.Sqlite");
    }

    [Fact]
    public void Empty_text_is_stored_as_empty_text_not_as_null()
    {
        using var database = new Database(_location);
        database.Write(write => write.Execute(Insert, "empty", ""));

        Assert.Equal(("text", ""), Stored("empty"));
    }

    [Fact]
    public void Parameters_are_bound_by_their_number_in_whatever_order_and_as_often_as_the_statement_names_them()
    {
        using var database = new Database(_location);
        database.Write(write => write.Execute("INSERT INTO kept_values (k, v) VALUES (@p1 || '-' || @p0, @p0 || @p0)", "x", "key"));

        Assert.Equal(("text", Hex("xx")), Stored("key-x"));
    }

    [Fact]
    public void The_rows_changed_are_those_of_the_statement_and_an_insert_that_met_its_key_changes_none()
    {
        using var database = new Database(_location);
        const string InsertIfNew = Insert + " ON CONFLICT (k) DO NOTHING";

        var changed = database.Write(write => (
            First: write.Execute(InsertIfNew, "a", 1),
            Again: write.Execute(InsertIfNew, "a", 2),
            Other: write.Execute(InsertIfNew, "b", 3),
            Updated: write.Execute("UPDATE kept_values SET v = v + @p0", 10),
            Deleted: write.Execute("DELETE FROM kept_values WHERE k = @p0", "nothing")));

        Assert.Equal((1, 0, 1, 2, 0), changed);
        Assert.Equal(("integer", Hex(11L)), Stored("a"));
    }

    [Fact]
    public void A_statement_that_breaks_a_key_raises_SQLites_own_error_and_the_next_one_runs()
    {
        using var database = new Database(_location);
        database.Write(write => write.Execute(Insert, "taken", "first"));

        var error = Assert.Throws<SqliteException>(() => database.Write(write => write.Execute(Insert, "taken", "second")));
        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(1555, error.SqliteExtendedErrorCode);

        database.Write(write => write.Execute(Insert, "free", "third"));
        Assert.Equal(("text", Hex("first")), Stored("taken"));
        Assert.Equal(("text", Hex("third")), Stored("free"));
    }

    private (string Type, string Hex) Stored(string key)
    {
        using var plain = new SqliteConnection($"Data Source={_location}");
        plain.Open();
        using var command = plain.CreateCommand();
        command.CommandText = "SELECT typeof(v), hex(v) FROM kept_values WHERE k = @k";
        command.Parameters.AddWithValue("@k", key);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"no row {key}");
        return (reader.GetString(0), reader.GetString(1));
    }

    private static string Hex(string text) => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text));

    // SQLite's hex() of an integer is the hex of its decimal text.
    private static string Hex(long number) => Hex(number.ToString(CultureInfo.InvariantCulture));
}
