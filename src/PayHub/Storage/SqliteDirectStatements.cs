using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PayHub.Storage;

/// <summary>
/// SQLite statements that change rows, run straight on the connection's SQLite handle (SQLitePCL.raw, which
/// Microsoft.Data.Sqlite itself runs on): prepared once, bound by position, stepped and reset. Microsoft.Data.Sqlite looks
/// each parameter up by its name and allocates a binder and a UTF-8 copy of every value on every execution: about a fifth
/// of the one writer's CPU for a CustomerCheck's two rows (docs/benchmarks.md, 2026-12-03 evening). A statement is run here only when it binds as Microsoft.Data.Sqlite
/// would bind it: one statement whose parameters are <c>@p0</c>… of the values given, each value a string, an integer,
/// a boolean or null; anything else (and a busy database) is left to Microsoft.Data.Sqlite.
/// </summary>
internal sealed class SqliteDirectStatements(SqliteConnection connection) : IDisposable
{
    private const int StackText = 256;

    private readonly Dictionary<string, Direct?> _statements = new(StringComparer.Ordinal);

    /// <summary>Runs the statement; false (nothing run) when it is not one this runs, and the caller runs it as usual.</summary>
    public bool TryExecute(string sql, ReadOnlySpan<object?> values, out int changed)
    {
        changed = 0;
        if (!_statements.TryGetValue(sql, out var direct))
        {
            direct = Prepare(sql, values.Length);
            _statements[sql] = direct;
        }

        if (direct is null || direct.Positions.Length != values.Length || !Bindable(values))
        {
            return false;
        }

        var statement = direct.Statement;
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                Check(Bind(statement, direct.Positions[i], values[i]));
            }

            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
            }

            if (result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
            {
                // Microsoft.Data.Sqlite waits and tries again; so the statement goes to it.
                return false;
            }

            Check(result);
            changed = raw.sqlite3_changes(connection.Handle);
            return true;
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose()
    {
        foreach (var direct in _statements.Values)
        {
            direct?.Statement.Dispose();
        }

        _statements.Clear();
    }

    /// <summary>The statement prepared with where each value goes; null when it is not one statement that changes rows with parameters <c>@p0</c>… only.</summary>
    private Direct? Prepare(string sql, int count)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement, out var tail);
        if (rc != raw.SQLITE_OK || statement is null || statement.IsInvalid)
        {
            statement?.Dispose();
            return null;
        }

        if (!string.IsNullOrWhiteSpace(tail) || raw.sqlite3_stmt_readonly(statement) != 0)
        {
            statement.Dispose();
            return null;
        }

        var positions = new int[count];
        var parameters = raw.sqlite3_bind_parameter_count(statement);
        var seen = 0;
        for (var index = 1; index <= parameters; index++)
        {
            var name = raw.sqlite3_bind_parameter_name(statement, index).utf8_to_string();
            if (name is null || !name.StartsWith("@p", StringComparison.Ordinal) ||
                !int.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ||
                value >= count || name != "@p" + value.ToString(CultureInfo.InvariantCulture) || positions[value] != 0)
            {
                statement.Dispose();
                return null;
            }

            positions[value] = index;
            seen++;
        }

        if (seen != count)
        {
            // A value without a parameter: Microsoft.Data.Sqlite says so; leave it to it.
            statement.Dispose();
            return null;
        }

        return new Direct(statement, positions);
    }

    private static bool Bindable(ReadOnlySpan<object?> values)
    {
        foreach (var value in values)
        {
            if (value is not (null or string or long or int or bool or DBNull))
            {
                return false;
            }
        }

        return true;
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => BindText(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        _ => throw new InvalidOperationException("not a bindable value"),
    };

    /// <summary>The text as UTF-8, as Microsoft.Data.Sqlite binds it (a lone surrogate becomes U+FFFD); SQLite copies it.</summary>
    private static int BindText(sqlite3_stmt statement, int index, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most <= StackText)
        {
            Span<byte> bytes = stackalloc byte[StackText];
            var length = Encoding.UTF8.GetBytes(text, bytes);
            return raw.sqlite3_bind_text(statement, index, bytes[..length]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(most);
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }

    private sealed record Direct(sqlite3_stmt Statement, int[] Positions);
}
