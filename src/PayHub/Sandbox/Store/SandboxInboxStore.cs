using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary><c>sandbox_inbox_messages</c> and <c>sandbox_inboxes</c>: what the push inbox received, and how each inbox answers.</summary>
public sealed class SandboxInboxStore(Database database, GroupCommit groupCommit)
{
    /// <summary>How the inbox is told to answer: the HTTP status of a failure (null: acknowledge) and a delay.</summary>
    public InboxSetting Setting(string inbox)
    {
        var (found, failStatus, delayMs) = database.Read(db => db.Row<(long Found, long? FailStatus, long DelayMs)>(
            "SELECT 1, fail_status, delay_ms FROM sandbox_inboxes WHERE inbox = @p0", inbox));
        return found == 1 ? new InboxSetting((int?)failStatus, (int)delayMs) : new InboxSetting(null, 0);
    }

    public void SetSetting(string inbox, InboxSetting setting) =>
        database.Write(scope => scope.Execute(
            """
            INSERT INTO sandbox_inboxes (inbox, fail_status, delay_ms) VALUES (@p0, @p1, @p2)
            ON CONFLICT (inbox) DO UPDATE SET fail_status = excluded.fail_status, delay_ms = excluded.delay_ms
            """,
            inbox, setting.FailStatus, setting.DelayMs ?? 0));

    public Task Keep(string inbox, DateTimeOffset at, string headers, string body, bool signValid, int answered) =>
        groupCommit.WriteAsync(scope => scope.Execute(
            "INSERT INTO sandbox_inbox_messages (inbox, received_at, headers, body, sign_valid, answered) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
            inbox, at.ToString("O"), headers, body, signValid ? 1 : 0, answered));

    /// <summary>The inbox's messages, newest first, up to 200.</summary>
    public List<InboxMessageRow> Messages(string inbox) =>
        database.Read(db => db.Rows<InboxMessageRow>(
            """
            SELECT message_id AS MessageId, received_at AS ReceivedAt, headers AS Headers, body AS Body, sign_valid AS SignValid, answered AS Answered
            FROM sandbox_inbox_messages WHERE inbox = @p0 ORDER BY message_id DESC LIMIT 200
            """,
            inbox));

    /// <summary>Empties the inbox; how many messages it held.</summary>
    public int Clear(string inbox) => database.Write(scope => scope.Execute("DELETE FROM sandbox_inbox_messages WHERE inbox = @p0", inbox));
}
