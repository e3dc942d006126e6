using Npgsql;

namespace PayHub.Storage;

/// <summary>
/// PostgreSQL's <c>LISTEN</c>/<c>NOTIFY</c>, for news every node must hear at once without asking the database on every
/// request (a sandbox reset: <see cref="Sandbox.ResetNotices"/>). A notice sent in a write's transaction reaches the
/// listeners when it commits. Each node listens on a connection of its own, named <see cref="ListenerName"/>, so a sender
/// can count the listeners it expects answers from. SQLite has no notices: there, nodes ask.
/// </summary>
public static class Notices
{
    /// <summary>The <c>application_name</c> of every node's listening connection.</summary>
    public const string ListenerName = "payhub-listener";

    private const string NotifySql = "SELECT pg_notify(@p0, @p1)";

    /// <summary>Sends a notice on the channel; it is delivered when the write's transaction commits (PostgreSQL only).</summary>
    public static void Send(WriteScope scope, string channel, string payload) =>
        scope.Execute(NotifySql, channel, payload);

    /// <summary>Sends a notice at once, outside any write (PostgreSQL only).</summary>
    public static async ValueTask<bool> SendNowAsync(PreparedStatements db, string channel, string payload)
    {
        await db.ScalarAsync(NotifySql, channel, payload);
        return true;
    }

    /// <summary>How many nodes listen on this database now (PostgreSQL only).</summary>
    public static long Listeners(PreparedStatements db) =>
        Convert.ToInt64(
            db.Scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = @p0 AND datname = current_database()", ListenerName),
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Listens on <paramref name="channel"/> until cancelled, or until the connection fails (then it throws, and the caller
    /// decides when to listen again). <paramref name="listening"/> runs once the <c>LISTEN</c> is in place (what was sent
    /// before it is not heard: read it there). Each notice's payload goes to <paramref name="heard"/>, which may give a
    /// payload to send back on the channel. The connection checks itself every few seconds while idle, so a dead one is
    /// noticed without waiting for a request.
    /// </summary>
    public static async Task ListenAsync(Database database, string channel, Func<ValueTask> listening, Func<string, string?> heard, CancellationToken cancellationToken)
    {
        await using var connection = database.CreateListener();
        await connection.OpenAsync(cancellationToken);
        var replies = new List<string>();
        connection.Notification += (_, notice) =>
        {
            if (notice.Channel == channel && heard(notice.Payload) is { } reply)
            {
                replies.Add(reply);
            }
        };
        await using (var listen = new NpgsqlCommand("LISTEN " + QuotedIdentifier(channel), connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        await listening();
        while (true)
        {
            await connection.WaitAsync(cancellationToken);

            // Notices heard while a reply goes out (the handler runs then too) are answered in this loop as well.
            while (replies.Count > 0)
            {
                var reply = replies[0];
                replies.RemoveAt(0);
                await using var notify = new NpgsqlCommand(NotifySql, connection) { Parameters = { new("p0", channel), new("p1", reply) } };
                await notify.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static string QuotedIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
