using PayHub.Storage;

namespace PayHub.WebConsole;

/// <summary><c>console_sessions</c>: signed-in browsers, by the keyed hash of their session id.</summary>
public sealed class ConsoleSessionStore(Database database)
{
    /// <summary>Keeps a new session; sessions ended or expired more than a day ago go at the same time.</summary>
    public void Start(string sessionHash, Admin.AdminCaller caller, DateTimeOffset now, DateTimeOffset expires) =>
        database.Write(scope =>
        {
            scope.Execute("DELETE FROM console_sessions WHERE expires_at < @p0 OR ended_at < @p0", now.AddDays(-1).ToString("O"));
            scope.Execute(
                "INSERT INTO console_sessions (session_hash, label, role, created_at, expires_at) VALUES (@p0, @p1, @p2, @p3, @p4)",
                sessionHash, caller.Label, caller.Role, now.ToString("O"), expires.ToString("O"));
        });

    /// <summary>The admin caller of a session not ended and not expired; null otherwise.</summary>
    public Admin.AdminCaller? CallerOf(string sessionHash, DateTimeOffset now) =>
        database.Read(db => db.Row<(string Label, string Role)>(
            "SELECT label, role FROM console_sessions WHERE session_hash = @p0 AND ended_at IS NULL AND expires_at > @p1",
            sessionHash, now.ToString("O"))) is { Label: not null } row
            ? new Admin.AdminCaller(row.Label, row.Role)
            : null;

    /// <summary>Ends a session on every node (they all read this row).</summary>
    public void End(string sessionHash, DateTimeOffset now) =>
        database.Write(scope => scope.Execute("UPDATE console_sessions SET ended_at = @p1 WHERE session_hash = @p0 AND ended_at IS NULL", sessionHash, now.ToString("O")));
}
