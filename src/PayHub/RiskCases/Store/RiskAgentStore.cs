using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>The agent tree and its merchants: <c>risk_agents</c> (place in the tree, accessid, sealed secret, notify URL) and <c>risk_merchants</c>.</summary>
public sealed class RiskAgentStore(Database database)
{
    private const string Columns =
        "agent_no AS AgentNo, name AS Name, parent_agent_no AS ParentAgentNo, level AS Level, first_agent_no AS FirstAgentNo, accessid AS Accessid, " +
        "notify_url AS NotifyUrl, enabled = 1 AS Enabled, rate_limit_per_second AS RateLimitPerSecond";

    /// <summary>Whether the database is a sandbox, where a notify URL may name the sandbox's inbox.</summary>
    public bool Sandbox => database.Sandbox;

    /// <summary>
    /// The enabled agent with that accessid: its number, sealed secret, path and rate limit; or, for an accessid a
    /// rotation replaced inside its overlap window, the agent with the replaced secret and the window's end. Null when none.
    /// </summary>
    public (string AgentNo, string SealedSecret, string Path, int? RateLimit, string? Until)? FindByAccessId(string accessId, DateTimeOffset now)
    {
        var row = database.Read(db => db.Row<(string AgentNo, string Secret, string Path, long? RateLimit, string? Until)>(
            """
            SELECT agent_no, secret_sealed, agent_path, rate_limit_per_second, NULL FROM risk_agents
            WHERE accessid = @p0 AND enabled = 1 AND secret_sealed IS NOT NULL
            UNION ALL
            SELECT a.agent_no, p.secret_sealed, a.agent_path, a.rate_limit_per_second, p.valid_until
            FROM previous_secrets p JOIN risk_agents a ON a.agent_no = p.owner
            WHERE p.family = 'risk' AND p.lookup_key = @p0 AND p.valid_until > @p1 AND a.enabled = 1
            """,
            accessId, now.ToString("O")));
        return row.AgentNo is null ? null : (row.AgentNo, row.Secret, row.Path, (int?)row.RateLimit, row.Until);
    }

    /// <summary>Agents in tree order, up to 1000 (of one parent, when given).</summary>
    public List<RiskAgentView> Views(string? parentAgentNo) =>
        database.Read(db => db.Rows<RiskAgentView>(
            $"SELECT {Columns} FROM risk_agents WHERE CAST(@p0 AS TEXT) IS NULL OR parent_agent_no = @p0 ORDER BY agent_path LIMIT 1000", parentAgentNo));

    /// <summary>
    /// Adds the agent under its parent: 1 when added, 0 when the agentNo is taken, -1 when there is no such parent. The
    /// conflict names no key: two creations of one agent at once meet on its path's unique index as well as on its number's,
    /// and PostgreSQL reports a conflict on an index other than the one named as an error.
    /// </summary>
    public int Create(RiskAgentChange body, string accessid, string sealedSecret, DateTimeOffset now) =>
        database.Write(scope =>
        {
            var parent = body.ParentAgentNo is null ? default : scope.Row<(string Path, long Level, string First)>(
                "SELECT agent_path, level, first_agent_no FROM risk_agents WHERE agent_no = @p0", body.ParentAgentNo);
            if (body.ParentAgentNo is not null && parent.Path is null)
            {
                return -1;
            }

            return scope.Execute(
                """
                INSERT INTO risk_agents (agent_no, name, parent_agent_no, level, first_agent_no, agent_path, accessid, secret_sealed, notify_url, enabled, rate_limit_per_second, created_at)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
                ON CONFLICT DO NOTHING
                """,
                body.AgentNo,
                body.Name,
                body.ParentAgentNo,
                parent.Path is null ? 1 : parent.Level + 1,
                parent.Path is null ? body.AgentNo : parent.First,
                (parent.Path ?? "/") + body.AgentNo + "/",
                accessid,
                sealedSecret,
                body.NotifyUrl,
                body.Enabled ?? true ? 1 : 0,
                body.RateLimitPerSecond,
                now.ToString("O"));
        });

    /// <summary>Changes name, notify URL, enabled and rate limit; a new name is written into the answer rows of its cases. Null when there is no such agent.</summary>
    public RiskAgentView? Update(string agentNo, RiskAgentChange body)
    {
        var updated = database.Write(scope =>
        {
            // The agent's row locked: a change running meanwhile waits, so the cases are rendered with the name that stays.
            var renamed = scope.Scalar("SELECT name FROM risk_agents WHERE agent_no = @p0" + scope.Locks.ForUpdate, agentNo) is string name && name != body.Name;
            var changed = scope.Execute(
                "UPDATE risk_agents SET name = @p1, notify_url = @p2, enabled = @p3, rate_limit_per_second = @p4 WHERE agent_no = @p0",
                agentNo, body.Name, body.NotifyUrl, body.Enabled ?? true ? 1 : 0, body.RateLimitPerSecond) == 1;
            if (renamed)
            {
                // The agent's name is in the answer rows of its cases (agentName, firstAgentName).
                RiskCaseStore.RenderAll(scope, agentNo);
            }

            return changed;
        });
        return updated ? database.Read(db => db.Row<RiskAgentView>($"SELECT {Columns} FROM risk_agents WHERE agent_no = @p0", agentNo)) : null;
    }

    /// <summary>Replaces the agent's accessid and secret; false when there is no such agent.</summary>
    public bool SetCredentials(string agentNo, string accessid, string sealedSecret, DateTimeOffset? previousUntil = null) =>
        database.Write(scope =>
        {
            // The agent's row first: a rotation running meanwhile waits, and then keeps this one's secret as the previous.
            if (scope.Scalar("SELECT 1 FROM risk_agents WHERE agent_no = @p0" + scope.Locks.ForUpdate, agentNo) is null)
            {
                return false;
            }

            scope.Execute("DELETE FROM previous_secrets WHERE family = 'risk' AND owner = @p0", agentNo);
            if (previousUntil is { } until)
            {
                scope.Execute(
                    """
                    INSERT INTO previous_secrets (family, lookup_key, owner, secret_sealed, valid_until)
                    SELECT 'risk', accessid, agent_no, secret_sealed, @p1 FROM risk_agents WHERE agent_no = @p0 AND accessid IS NOT NULL AND secret_sealed IS NOT NULL
                    """,
                    agentNo, until.ToString("O"));
            }

            return scope.Execute("UPDATE risk_agents SET accessid = @p1, secret_sealed = @p2 WHERE agent_no = @p0", agentNo, accessid, sealedSecret) == 1;
        });

    /// <summary>Merchants, up to 1000 (of one direct agent, when given).</summary>
    public List<RiskMerchantChange> Merchants(string? agentNo) =>
        database.Read(db => db.Rows<RiskMerchantChange>(
            """
            SELECT merc_num AS MercNum, merc_name AS MercName, agent_no AS AgentNo, legal_person AS LegalPerson, legal_phone AS LegalPhone,
                   merc_create_time AS MercCreateTime, prov_code AS ProvCode, city_code AS CityCode, area_code AS AreaCode
            FROM risk_merchants WHERE CAST(@p0 AS TEXT) IS NULL OR agent_no = @p0 ORDER BY merc_num LIMIT 1000
            """,
            agentNo));

    /// <summary>Adds the merchant under its agent: 1 when added, 0 when the mercNum is taken, -1 when there is no such agent.</summary>
    public int CreateMerchant(RiskMerchantChange body, DateTimeOffset now) =>
        database.Write(scope =>
        {
            if (scope.Scalar("SELECT 1 FROM risk_agents WHERE agent_no = @p0", body.AgentNo) is null)
            {
                return -1;
            }

            return scope.Execute(
                """
                INSERT INTO risk_merchants (merc_num, merc_name, agent_no, legal_person, legal_phone, merc_create_time, prov_code, city_code, area_code)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
                ON CONFLICT (merc_num) DO NOTHING
                """,
                body.MercNum,
                body.MercName,
                body.AgentNo,
                body.LegalPerson,
                body.LegalPhone,
                body.MercCreateTime ?? RiskCaseStore.CstNow(now),
                body.ProvCode ?? "",
                body.CityCode ?? "",
                body.AreaCode ?? "");
        });
}
