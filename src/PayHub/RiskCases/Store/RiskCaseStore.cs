using System.Globalization;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>
/// Cases, their scope rows and history, and the push outbox. Reads run on leased readers; every
/// change runs inside a group-committed write and enqueues one delivery per entitled agent, so a
/// change and its pushes become durable together.
/// </summary>
public static class RiskCaseStore
{
    public const string Awaiting = "DTJ";
    public const string InReview = "DSH";
    public const string Passed = "TG";
    public const string Returned = "BH";

    /// <summary>The key a write of the case names as its owner (<see cref="GroupCommit.WriteAsync{T}(string?, Func{WriteScope, T})"/>): it locks the case's row first.</summary>
    public static string OwnerKey(string caseNo) => "risk-case/" + caseNo;

    /// <summary>
    /// A page of the caller's tree, newest first, and the total that matches (read without holding a thread while
    /// PostgreSQL answers). Each row is its kept values array as UTF-8 bytes, read as the database keeps them: the
    /// answer copies them as they are, with no round trip through .NET's UTF-16 strings. A page with rows is one
    /// statement, the total beside each row as a subquery the database computes once: one state of the database without
    /// a transaction of its own, and one round trip to PostgreSQL instead of four. An empty page has no row to carry the
    /// total; then the total and the page are read again together in one read transaction.
    /// </summary>
    public static async ValueTask<(long Total, List<byte[]> Rows)> PageAsync(PreparedStatements db, string callerAgentNo, CaseFilter filter)
    {
        var (from, total, values) = Scope(callerAgentNo, filter);
        var limit = Limit(filter);
        var offset = Parameter(values, (long)(filter.Page - 1) * filter.Rows);
        var rows = new List<byte[]>(filter.Rows);
        long count = 0;
        await using (var reader = await db.QueryAsync(
            $"SELECT {total} AS total, s.row_values {from} ORDER BY s.create_time DESC, s.case_no DESC LIMIT {limit} OFFSET {offset}", [.. values]))
        {
            while (await reader.ReadAsync())
            {
                count = reader.GetInt64(0);
                rows.Add(reader.GetFieldValue<byte[]>(1));
            }
        }

        return rows.Count > 0 ? (count, rows) : await db.InOneSnapshotAsync(() => TotalAndPageAsync(db, callerAgentNo, filter));
    }

    /// <summary>
    /// What both ways of reading a page share: the scope rows' <c>FROM</c>, the total as an SQL expression, and the values
    /// they name (<c>@p0</c> the caller, <c>@p1</c> and <c>@p2</c> the range, then the filters or the total's own), to
    /// which a statement adds its page's limit and offset.
    /// </summary>
    private static (string From, string Total, List<object?> Values) Scope(string callerAgentNo, CaseFilter filter)
    {
        var values = new List<object?> { callerAgentNo, filter.Start, filter.End };
        if (filter.CaseNo is null && filter.MercNum is null && filter.AgentNo is null)
        {
            return (From(false), TotalSql(values, filter.Start, filter.End), values);
        }

        values.AddRange([filter.CaseNo, filter.MercNum, filter.AgentNo]);
        return (From(true), "(SELECT COUNT(*) " + From(true) + ")", values);
    }

    /// <summary>The caller's scope rows in the filter's range (<c>@p0</c> the caller, <c>@p1</c> and <c>@p2</c> the range, <c>@p3</c>… the filters).</summary>
    private static string From(bool filtered) => filtered
        ? "FROM risk_case_scope s JOIN risk_cases c ON c.case_no = s.case_no WHERE s.agent_no = @p0 AND s.create_time >= @p1 AND s.create_time <= @p2 " +
          // A filter left out is a NULL parameter, typed so that PostgreSQL knows what it is.
          "AND (CAST(@p3 AS TEXT) IS NULL OR s.case_no = @p3) AND (CAST(@p4 AS TEXT) IS NULL OR c.merc_num = @p4) AND (CAST(@p5 AS TEXT) IS NULL OR c.agent_no = @p5)"
        : "FROM risk_case_scope s WHERE s.agent_no = @p0 AND s.create_time >= @p1 AND s.create_time <= @p2";

    /// <summary>
    /// The page's size as a number in the statement's text, not a parameter: SQLite (3.47 and later) plans a query with the
    /// value bound to its <c>LIMIT</c> and so compiles the statement again each time that parameter is bound, which was every
    /// page. An integer (1–100 from the request) cannot carry SQL; each size is its own statement, prepared once a connection.
    /// </summary>
    private static string Limit(CaseFilter filter) => filter.Rows.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value as the next parameter: its name.</summary>
    private static string Parameter(List<object?> values, object value)
    {
        values.Add(value);
        return "@p" + (values.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The exact number of the agent's (<c>@p0</c>) cases created in [start, end] (<c>@p1</c>, <c>@p2</c>) as an SQL
    /// expression: whole months from <c>risk_case_counts</c>, the partial months at either edge from the scope index. The
    /// values it needs besides are added to the list.
    /// </summary>
    private static string TotalSql(List<object?> values, string start, string end)
    {
        if (MonthSpan.WholeMonths(start, end) is not { } whole)
        {
            return "(SELECT COUNT(*) FROM risk_case_scope WHERE agent_no = @p0 AND create_time >= @p1 AND create_time <= @p2)";
        }

        var total = "(SELECT COALESCE(CAST(SUM(cases) AS BIGINT), 0) FROM risk_case_counts WHERE agent_no = @p0 " +
                    $"AND month >= {Parameter(values, whole.FirstMonth)} AND month <= {Parameter(values, whole.LastMonth)})";
        if (string.CompareOrdinal(start, whole.From) < 0)
        {
            total += $" + (SELECT COUNT(*) FROM risk_case_scope WHERE agent_no = @p0 AND create_time >= @p1 AND create_time < {Parameter(values, whole.From)})";
        }

        if (string.CompareOrdinal(end, whole.To) > 0)
        {
            total += $" + (SELECT COUNT(*) FROM risk_case_scope WHERE agent_no = @p0 AND create_time > {Parameter(values, whole.To)} AND create_time <= @p2)";
        }

        return total;
    }

    /// <summary>The total and the page by two statements, for a read transaction to hold them together (an empty page).</summary>
    private static async ValueTask<(long Total, List<byte[]> Rows)> TotalAndPageAsync(PreparedStatements db, string callerAgentNo, CaseFilter filter)
    {
        var (from, totalSql, values) = Scope(callerAgentNo, filter);
        var total = (long)(await db.ScalarAsync("SELECT " + totalSql, [.. values]))!;
        var limit = Limit(filter);
        var offset = Parameter(values, (long)(filter.Page - 1) * filter.Rows);
        var rows = new List<byte[]>(filter.Rows);
        await using var reader = await db.QueryAsync(
            $"SELECT s.row_values {from} ORDER BY s.create_time DESC, s.case_no DESC LIMIT {limit} OFFSET {offset}", [.. values]);
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<byte[]>(0));
        }

        return (total, rows);
    }

    /// <summary>Recounts the month table from the scope rows (after a bulk load).</summary>
    public static string RecountSql =>
        "DELETE FROM risk_case_counts; INSERT INTO risk_case_counts (agent_no, month, cases) SELECT agent_no, substr(create_time, 1, 7), COUNT(*) FROM risk_case_scope GROUP BY agent_no, substr(create_time, 1, 7);";

    public static RiskCaseRow? Find(PreparedStatements db, string caseNo)
    {
        using var reader = db.Query(RiskCaseRow.Select + "WHERE c.case_no = @p0", caseNo);
        return reader.Read() ? RiskCaseRow.Read(reader) : null;
    }

    /// <summary>
    /// The case's state, for a change of it: audit status and whether it is closed, or null when there is no such case.
    /// The row is this write's until it ends, so a reply, an audit or a closing on another node waits and then reads
    /// the state this one leaves.
    /// </summary>
    public static (string AuditStatus, bool Closed, string SurveyRemark, string SurveyWay)? StateOf(WriteScope scope, string caseNo)
    {
        using var reader = scope.Query("SELECT audit_status, closed, survey_remark, survey_way FROM risk_cases WHERE case_no = @p0" + scope.Locks.ForUpdate, caseNo);
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1) != 0, reader.GetString(2), reader.GetString(3)) : null;
    }

    /// <summary>True when the case's direct agent is the agent or below it.</summary>
    public static bool InTree(PreparedStatements db, string caseNo, string agentNo) =>
        db.Scalar("SELECT 1 FROM risk_case_scope s JOIN risk_cases c ON c.case_no = s.case_no AND c.create_time = s.create_time WHERE s.case_no = @p0 AND s.agent_no = @p1", caseNo, agentNo) is not null;

    /// <summary>Inserts a case, one scope row per agent of its merchant's chain, its 'created' event and its pushes.</summary>
    public static void Create(WriteScope scope, NewCase c, string actor, DateTimeOffset now)
    {
        var chain = ChainOf(scope, c.MercNum) ?? throw new InvalidOperationException("no merchant " + c.MercNum);
        var at = now.ToString("O");
        scope.Execute(
            """
            INSERT INTO risk_cases (case_no, merc_num, agent_no, first_agent_no, create_time, type_no, risk_type_rules, risk_type_case_deal_way, case_deal_way,
                refer_orders, card_no, term_no, longitude, latitude, remark, flow_node_key, suggest, create_way, audit_status, survey_way, survey_remark,
                survey_result, survey_time, submit_time, closed, updated_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, '', '', '', '', '', 0, @p19)
            """,
            c.CaseNo, c.MercNum, chain[^1], chain[0], c.CreateTime, c.TypeNo, c.RiskTypeRules, c.RiskTypeCaseDealWay, c.CaseDealWay, c.ReferOrders,
            c.CardNo, c.TermNo, c.Longitude, c.Latitude, c.Remark, c.FlowNodeKey, c.Suggest, c.CreateWay, c.AuditStatus, at);
        var values = Find(scope, c.CaseNo)!.ValuesJson();
        foreach (var agentNo in chain)
        {
            scope.Execute("INSERT INTO risk_case_scope (agent_no, create_time, case_no, row_values) VALUES (@p0, @p1, @p2, @p3)", agentNo, c.CreateTime, c.CaseNo, values);
            scope.Execute(
                "INSERT INTO risk_case_counts (agent_no, month, cases) VALUES (@p0, @p1, 1) ON CONFLICT (agent_no, month) DO UPDATE SET cases = risk_case_counts.cases + 1",
                agentNo, c.CreateTime[..7]);
        }

        Changed(scope, c.CaseNo, actor, "created", "", c.AuditStatus, "", chain, now);
    }

    /// <summary>Records a change of a case already updated: its answer row in the scope index, its event, and one pending push per agent of its chain with a notify URL.</summary>
    public static void Changed(WriteScope scope, string caseNo, string actor, string action, string from, string to, string note, IReadOnlyList<string>? chain, DateTimeOffset now)
    {
        Render(scope, caseNo);
        var at = now.ToString("O");
        scope.Append(
            "INSERT INTO risk_case_events (case_no, at, actor, action, from_state, to_state, note) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)",
            caseNo, at, actor, action, from, to, note);
        chain ??= ChainOf(scope, (string)scope.Scalar("SELECT merc_num FROM risk_cases WHERE case_no = @p0", caseNo)!)!;
        foreach (var agentNo in chain)
        {
            scope.Execute(
                """
                INSERT INTO risk_deliveries (case_no, agent_no, reason, state, attempts, next_attempt_ms, last_error, created_at, delivered_at)
                SELECT @p0, agent_no, @p1, 'pending', 0, @p2, '', @p3, NULL FROM risk_agents WHERE agent_no = @p4 AND notify_url IS NOT NULL AND enabled = 1
                """,
                caseNo, action, now.ToUnixTimeMilliseconds(), at, agentNo);
        }
    }

    /// <summary>Renders the case's answer row (with its merchant's and agents' current names) into its scope rows.</summary>
    public static void Render(PreparedStatements db, string caseNo)
    {
        var row = Find(db, caseNo)!;
        foreach (var agentNo in ChainOfAgent(db, row.Get("agentNo")))
        {
            db.Execute(
                "UPDATE risk_case_scope SET row_values = @p3 WHERE agent_no = @p0 AND create_time = @p1 AND case_no = @p2",
                agentNo, row.Get("createTime"), caseNo, row.ValuesJson());
        }
    }

    /// <summary>Renders the answer rows of every case whose direct or first agent is named (after a rename), or of every case (after a bulk load).</summary>
    public static int RenderAll(PreparedStatements db, string? agentNo)
    {
        var paths = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var after = "";
        var total = 0;
        while (true)
        {
            var rows = new List<RiskCaseRow>(5000);
            using (var reader = db.Query(
                RiskCaseRow.Select + "WHERE c.case_no > @p0 AND (CAST(@p1 AS TEXT) IS NULL OR c.agent_no = @p1 OR c.first_agent_no = @p1) ORDER BY c.case_no LIMIT 5000",
                after,
                agentNo))
            {
                while (reader.Read())
                {
                    rows.Add(RiskCaseRow.Read(reader));
                }
            }

            if (rows.Count == 0)
            {
                return total;
            }

            foreach (var row in rows)
            {
                var direct = row.Get("agentNo");
                if (!paths.TryGetValue(direct, out var chain))
                {
                    chain = ChainOfAgent(db, direct);
                    paths[direct] = chain;
                }

                foreach (var agent in chain)
                {
                    db.Execute(
                        "UPDATE risk_case_scope SET row_values = @p3 WHERE agent_no = @p0 AND create_time = @p1 AND case_no = @p2",
                        agent, row.Get("createTime"), row.CaseNo, row.ValuesJson());
                }
            }

            total += rows.Count;
            after = rows[^1].CaseNo;
        }
    }

    /// <summary>The agents above and including this one, top first.</summary>
    public static string[] ChainOfAgent(PreparedStatements db, string agentNo) =>
        db.Scalar("SELECT agent_path FROM risk_agents WHERE agent_no = @p0", agentNo) is string path
            ? path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>The agents from the top of the merchant's chain down to its direct agent; null when there is no such merchant.</summary>
    public static string[]? ChainOf(PreparedStatements db, string mercNum) =>
        db.Scalar("SELECT a.agent_path FROM risk_merchants m JOIN risk_agents a ON a.agent_no = m.agent_no WHERE m.merc_num = @p0", mercNum) is string path
            ? path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            : null;

    /// <summary>Now in China Standard Time, as the interface writes times.</summary>
    public static bool Exists(PreparedStatements db, string caseNo) =>
        db.Scalar("SELECT 1 FROM risk_cases WHERE case_no = @p0", caseNo) is not null;

    /// <summary>The platform's review of the reply: TG or BH, with its survey result.</summary>
    public static void Audit(WriteScope scope, string caseNo, string result, string surveyResult, DateTimeOffset now) =>
        scope.Execute(
            "UPDATE risk_cases SET audit_status = @p1, survey_result = @p2, survey_time = @p3, updated_at = @p4 WHERE case_no = @p0",
            caseNo, result, surveyResult, CstNow(now), now.ToString("O"));

    public static void Close(WriteScope scope, string caseNo, DateTimeOffset now) =>
        scope.Execute("UPDATE risk_cases SET closed = 1, flow_node_key = 'CLOSED', updated_at = @p1 WHERE case_no = @p0", caseNo, now.ToString("O"));

    /// <summary>The case as the admin API shows it: its answer row, whether it is closed, its history and its pushes; null when there is none.</summary>
    public static RiskCaseView? View(Database database, string caseNo)
    {
        var row = database.Read(db => Find(db, caseNo));
        if (row is null)
        {
            return null;
        }

        var (history, closed, deliveries) = database.Read(db => (
            db.Rows<RiskCaseEventView>(
                "SELECT at AS At, actor AS Actor, action AS Action, from_state AS FromState, to_state AS ToState, note AS Note FROM risk_case_events WHERE case_no = @p0 ORDER BY event_id",
                caseNo),
            Convert.ToInt64(db.Scalar("SELECT closed FROM risk_cases WHERE case_no = @p0", caseNo), System.Globalization.CultureInfo.InvariantCulture) == 1,
            RiskDeliveryStore.Views(db, null, caseNo)));
        return new RiskCaseView(row.All().ToDictionary(f => f.Key, f => f.Value), closed, history, deliveries);
    }

    /// <summary>The agent's place in the tree (its chain of agent numbers from the top); null when there is no such agent.</summary>
    public static async ValueTask<string?> AgentPathAsync(PreparedStatements db, string agentNo) =>
        await db.ScalarAsync("SELECT agent_path FROM risk_agents WHERE agent_no = @p0", agentNo) as string;

    /// <summary>Keeps the agent's reply on the case and moves it to review.</summary>
    public static void Reply(WriteScope scope, string caseNo, string remark, string way, DateTimeOffset now) =>
        scope.Execute(
            "UPDATE risk_cases SET survey_remark = @p1, survey_way = @p2, submit_time = @p3, audit_status = @p4, updated_at = @p5 WHERE case_no = @p0",
            caseNo, remark, way, CstNow(now), InReview, now.ToString("O"));

    public static string CstNow(DateTimeOffset now) =>
        now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
