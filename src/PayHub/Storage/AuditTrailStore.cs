using PayHub.Audit;

namespace PayHub.Storage;

/// <summary><c>audit_trail</c>: one row per exchange, appended inside a write; read newest first by the admin API.</summary>
public static class AuditTrailStore
{
    public static void Append(WriteScope scope, AuditEntry entry, DateTimeOffset at) =>
        scope.Append(
            """
            INSERT INTO audit_trail (at, family, operation, caller, sequence_no, outcome, latency_ms, request_id, request, response,
                                     status, node, refused_by, diagnosis, headers, raw_request)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15)
            """,
            at.ToString("O"),
            entry.Family,
            entry.Operation,
            entry.Caller,
            entry.SequenceNo,
            entry.Outcome,
            entry.LatencyMs,
            entry.RequestId,
            entry.Request,
            entry.Response,
            entry.Status,
            entry.Node,
            entry.RefusedBy,
            entry.Diagnosis,
            entry.Headers,
            entry.RawRequest);

    /// <summary>The newest rows (of one family, of one request id, when given).</summary>
    public static List<AuditView> Newest(Database database, string? family, string? requestId, int limit) =>
        database.Read(db => db.Rows<AuditView>(
            """
            SELECT id AS Id, at AS At, family AS Family, operation AS Operation, caller AS Caller, sequence_no AS SequenceNo,
                   outcome AS Outcome, latency_ms AS LatencyMs, request_id AS RequestId, request AS Request, response AS Response
            FROM audit_trail
            WHERE (CAST(@p0 AS TEXT) IS NULL OR family = @p0) AND (CAST(@p1 AS TEXT) IS NULL OR request_id = @p1)
            ORDER BY id DESC LIMIT @p2
            """,
            family,
            requestId,
            limit));

    /// <summary>The request id of the first exchange of a caller with this sequence number (a TranSeq, a ReqSeqID); null when none.</summary>
    public static string? FirstRequestId(Database database, string family, string caller, string sequenceNo) =>
        database.Read(db => FirstRequestId(db, family, caller, sequenceNo));

    /// <summary>As <see cref="FirstRequestId(Database, string, string, string)"/>, inside a read or write already open.</summary>
    public static string? FirstRequestId(PreparedStatements db, string family, string caller, string sequenceNo) =>
        db.Scalar(
            "SELECT request_id FROM audit_trail WHERE family = @p0 AND caller = @p1 AND sequence_no = @p2 ORDER BY id LIMIT 1",
            family,
            caller,
            sequenceNo) as string;

    private const string JournalColumns = """
        SELECT id AS Id, at AS At, family AS Family, operation AS Operation, caller AS Caller, sequence_no AS SequenceNo,
               outcome AS Code, status AS Status, latency_ms AS LatencyMs, request_id AS RequestId, node AS Node,
               refused_by AS RefusedBy, diagnosis AS Diagnosis, request AS Request, response AS Response,
               headers AS Headers, raw_request AS RawRequest, raw_response AS RawResponse
        FROM audit_trail
        WHERE (CAST(@p0 AS TEXT) IS NULL OR family = @p0) AND (CAST(@p1 AS TEXT) IS NULL OR operation = @p1)
          AND (CAST(@p2 AS TEXT) IS NULL OR caller = @p2) AND (CAST(@p3 AS TEXT) IS NULL OR outcome = @p3)
          AND (CAST(@p4 AS INTEGER) IS NULL OR status = @p4)
          AND (CAST(@p5 AS TEXT) IS NULL OR at >= @p5) AND (CAST(@p6 AS TEXT) IS NULL OR at <= @p6)
          AND (CAST(@p7 AS TEXT) IS NULL OR request_id = @p7)
          AND (CAST(@p8 AS TEXT) IS NULL OR request LIKE @p8 OR response LIKE @p8 OR diagnosis LIKE @p8 OR sequence_no LIKE @p8 OR operation LIKE @p8)
        """;

    /// <summary>Journal entries that match, newest first, older than <paramref name="beforeId"/> when given.</summary>
    public static List<JournalEntryView> Journal(Database database, JournalFilter filter, long? beforeId, int limit) =>
        database.Read(db => db.Rows<JournalEntryView>(
            JournalColumns + " AND (CAST(@p9 AS BIGINT) IS NULL OR id < @p9) ORDER BY id DESC LIMIT @p10",
            [.. Arguments(filter), beforeId, limit]));

    /// <summary>Keeps the answer's bytes as sent (base64) on the exchange's entry, one that kept its raw request.</summary>
    public static void KeepAnswerBytes(WriteScope scope, string requestId, string family, string base64) =>
        scope.Append("UPDATE audit_trail SET raw_response = @p2 WHERE request_id = @p0 AND family = @p1 AND raw_request <> ''", requestId, family, base64);

    /// <summary>One journal entry by its id; null when there is none (or it was pruned).</summary>
    public static JournalEntryView? JournalEntry(Database database, long id) =>
        Journal(database, JournalFilter.None, id + 1, 1) is [var entry] && entry.Id == id ? entry : null;

    /// <summary>Journal entries that match, newer than <paramref name="afterId"/>, oldest first (the live stream).</summary>
    public static List<JournalEntryView> JournalAfter(Database database, JournalFilter filter, long afterId, int limit) =>
        database.Read(db => db.Rows<JournalEntryView>(
            JournalColumns + " AND id > @p9 ORDER BY id LIMIT @p10",
            [.. Arguments(filter), afterId, limit]));

    /// <summary>The newest entry's id; 0 when the journal is empty.</summary>
    public static long NewestId(Database database) =>
        database.Read(db => Convert.ToInt64(db.Scalar("SELECT COALESCE(MAX(id), 0) FROM audit_trail"), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Removes entries written before <paramref name="before"/>, and the oldest beyond <paramref name="maxEntries"/>,
    /// at most <paramref name="batch"/> at a time; how many went.
    /// </summary>
    public static int Prune(WriteScope scope, DateTimeOffset before, long maxEntries, int batch)
    {
        var newest = Convert.ToInt64(scope.Scalar("SELECT COALESCE(MAX(id), 0) FROM audit_trail"), System.Globalization.CultureInfo.InvariantCulture);
        return scope.Execute(
            "DELETE FROM audit_trail WHERE id IN (SELECT id FROM audit_trail WHERE at < @p0 OR id <= @p1 ORDER BY id LIMIT @p2)",
            before.ToUniversalTime().ToString("O"),
            newest - maxEntries,
            batch);
    }

    private static object?[] Arguments(JournalFilter filter) =>
    [
        filter.Family, filter.Operation, filter.Caller, filter.Code, filter.Status,
        filter.From?.ToUniversalTime().ToString("O"), filter.To?.ToUniversalTime().ToString("O"), filter.RequestId,
        filter.Text is { Length: > 0 } text ? "%" + text + "%" : null,
    ];
}
