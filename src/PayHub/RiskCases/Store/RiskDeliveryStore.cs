using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// The push outbox, <c>risk_deliveries</c>: claims of due deliveries under a lease, and each attempt's
/// result, recorded only while the delivery is still the attempt it was claimed as.
/// </summary>
public static class RiskDeliveryStore
{
    /// <summary>
    /// Takes the deliveries that are due, up to 100, each by its agent's business time (<paramref name="nowOf"/>:
    /// on a sandbox an agent may have a clock of its own; none is later than <paramref name="latestNowMs"/>): their
    /// next attempt moves <paramref name="leaseMs"/> past it, so no other node takes them meanwhile, and they are due
    /// again then if this node dies before it records a result. Deliveries another transaction holds are skipped, not
    /// waited for (<see cref="Storage.RowLocks.SkipLocked"/>).
    /// </summary>
    public static List<RiskDelivery> ClaimDue(WriteScope scope, long latestNowMs, Func<string, long> nowOf, long leaseMs)
    {
        var candidates = new List<(RiskDelivery Delivery, long NextAttemptMs)>();
        using (var reader = scope.Query(
            $"""
            SELECT d.delivery_id, d.case_no, d.agent_no, d.attempts, a.notify_url, a.accessid, a.secret_sealed, d.next_attempt_ms
            FROM risk_deliveries d JOIN risk_agents a ON a.agent_no = d.agent_no
            WHERE d.state = 'pending' AND d.next_attempt_ms <= @p0 ORDER BY d.next_attempt_ms LIMIT 500{scope.Locks.SkipLocked("d")}
            """,
            latestNowMs))
        {
            while (reader.Read())
            {
                candidates.Add((new RiskDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)), reader.GetInt64(7)));
            }
        }

        var agentsNow = new Dictionary<string, long>(StringComparer.Ordinal);
        var due = new List<RiskDelivery>();
        foreach (var (delivery, nextAttemptMs) in candidates)
        {
            if (!agentsNow.TryGetValue(delivery.AgentNo, out var nowMs))
            {
                agentsNow[delivery.AgentNo] = nowMs = nowOf(delivery.AgentNo);
            }

            if (nextAttemptMs > nowMs || due.Count == 100)
            {
                continue;
            }

            scope.Execute("UPDATE risk_deliveries SET next_attempt_ms = @p1 WHERE delivery_id = @p0", delivery.Id, nowMs + leaseMs);
            due.Add(delivery);
        }

        return due;
    }

    /// <summary>A failed delivery due again now, with a fresh retry schedule; false when it is not a failed one.</summary>
    public static bool Requeue(WriteScope scope, long deliveryId, long nowMs) =>
        scope.Execute(
            "UPDATE risk_deliveries SET state = 'pending', attempts = 0, next_attempt_ms = @p1, last_error = 'redelivery asked' WHERE delivery_id = @p0 AND state = 'failed'",
            deliveryId, nowMs) == 1;

    /// <summary>
    /// The outbox for metrics: deliveries waiting (pending) and given up on (failed), and how far the most overdue pending
    /// one is past its time (0 when none is), each read through a partial index.
    /// </summary>
    public static (long Pending, long Failed, long OverdueMs) Depth(PreparedStatements db, long nowMs)
    {
        var pending = Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM risk_deliveries WHERE state = 'pending'"), System.Globalization.CultureInfo.InvariantCulture);
        var failed = Convert.ToInt64(db.Scalar("SELECT COUNT(*) FROM risk_deliveries WHERE state = 'failed'"), System.Globalization.CultureInfo.InvariantCulture);
        var earliest = db.Scalar("SELECT MIN(next_attempt_ms) FROM risk_deliveries WHERE state = 'pending'");
        var overdue = earliest is null or DBNull ? 0 : Math.Max(0, nowMs - Convert.ToInt64(earliest, System.Globalization.CultureInfo.InvariantCulture));
        return (pending, failed, overdue);
    }

    /// <summary>Pushes, newest first, up to 500 (in one state, of one case, when given).</summary>
    public static List<RiskDeliveryView> Views(PreparedStatements db, string? state, string? caseNo) =>
        db.Rows<RiskDeliveryView>(
            """
            SELECT delivery_id AS DeliveryId, case_no AS CaseNo, agent_no AS AgentNo, reason AS Reason, state AS State, attempts AS Attempts,
                   next_attempt_ms AS NextAttemptMs, last_error AS LastError, delivered_at AS DeliveredAt
            FROM risk_deliveries WHERE (CAST(@p0 AS TEXT) IS NULL OR state = @p0) AND (CAST(@p1 AS TEXT) IS NULL OR case_no = @p1) ORDER BY delivery_id DESC LIMIT 500
            """,
            state,
            caseNo);

    /// <summary>Held back without an attempt counted (a sandbox fault: later deliveries overtake it).</summary>
    public static void Postpone(WriteScope scope, RiskDelivery delivery, long untilMs) =>
        scope.Execute("UPDATE risk_deliveries SET next_attempt_ms = @p1 WHERE delivery_id = @p0 AND state = 'pending' AND attempts = @p2", delivery.Id, untilMs, delivery.Attempts);

    /// <summary>Delivered: the delivery is closed and the case's history says so.</summary>
    public static void Delivered(WriteScope scope, RiskDelivery delivery, DateTimeOffset now)
    {
        if (scope.Execute("UPDATE risk_deliveries SET state = 'delivered', attempts = @p1, delivered_at = @p2, last_error = '' WHERE delivery_id = @p0 AND state = 'pending' AND attempts = @p3",
            delivery.Id, delivery.Attempts + 1, now.ToString("O"), delivery.Attempts) == 1)
        {
            scope.Execute("INSERT INTO risk_case_events (case_no, at, actor, action, from_state, to_state, note) SELECT case_no, @p1, 'platform', 'pushed', '', '', 'delivered to ' || agent_no FROM risk_deliveries WHERE delivery_id = @p0",
                delivery.Id, now.ToString("O"));
        }
    }

    /// <summary>The last attempt failed: the delivery is given up.</summary>
    public static void Failed(WriteScope scope, RiskDelivery delivery, string error) =>
        scope.Execute("UPDATE risk_deliveries SET state = 'failed', attempts = @p1, next_attempt_ms = NULL, last_error = @p2 WHERE delivery_id = @p0 AND state = 'pending' AND attempts = @p3",
            delivery.Id, delivery.Attempts + 1, error, delivery.Attempts);

    /// <summary>An attempt failed: the next one is due at <paramref name="nextAttempt"/>.</summary>
    public static void Retry(WriteScope scope, RiskDelivery delivery, DateTimeOffset nextAttempt, string error) =>
        scope.Execute("UPDATE risk_deliveries SET attempts = @p1, next_attempt_ms = @p2, last_error = @p3 WHERE delivery_id = @p0 AND state = 'pending' AND attempts = @p4",
            delivery.Id, delivery.Attempts + 1, nextAttempt.ToUnixTimeMilliseconds(), error, delivery.Attempts);
}
