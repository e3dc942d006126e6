using Dapper;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>The agent tree and its merchants: <c>risk_agents</c> (place in the tree, accessid, sealed secret, notify URL) and <c>risk_merchants</c>.</summary>
public sealed class RiskAgentStore(Database database)
{
    private const string Columns =
        "agent_no AS AgentNo, name AS Name, parent_agent_no AS ParentAgentNo, level AS Level, first_agent_no AS FirstAgentNo, accessid AS Accessid, " +
        "notify_url AS NotifyUrl, enabled = 1 AS Enabled, rate_limit_per_second AS RateLimitPerSecond";

    /// <summary>The enabled agent with that accessid: its number, sealed secret, path and rate limit; null when none.</summary>
    public (string AgentNo, string SealedSecret, string Path, int? RateLimit)? FindByAccessId(string accessId)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(string AgentNo, string Secret, string Path, long? RateLimit)>(
            "SELECT agent_no, secret_sealed, agent_path, rate_limit_per_second FROM risk_agents WHERE accessid = @accessId AND enabled = 1 AND secret_sealed IS NOT NULL",
            new { accessId });
        return row.AgentNo is null ? null : (row.AgentNo, row.Secret, row.Path, (int?)row.RateLimit);
    }

    /// <summary>Agents in tree order, up to 1000 (of one parent, when given).</summary>
    public List<RiskAgentView> Views(string? parentAgentNo)
    {
        using var connection = database.Open();
        return connection.Query<RiskAgentView>(
            $"SELECT {Columns} FROM risk_agents WHERE @parentAgentNo IS NULL OR parent_agent_no = @parentAgentNo ORDER BY agent_path LIMIT 1000", new { parentAgentNo }).ToList();
    }

    /// <summary>Adds the agent under its parent: 1 when added, 0 when the agentNo is taken, -1 when there is no such parent.</summary>
    public int Create(RiskAgentChange body, string accessid, string sealedSecret, DateTimeOffset now) =>
        database.Write((connection, transaction) =>
        {
            var parent = body.ParentAgentNo is null ? default : connection.QuerySingleOrDefault<(string Path, long Level, string First)>(
                "SELECT agent_path, level, first_agent_no FROM risk_agents WHERE agent_no = @ParentAgentNo", body, transaction);
            if (body.ParentAgentNo is not null && parent.Path is null)
            {
                return -1;
            }

            return connection.Execute(
                """
                INSERT INTO risk_agents (agent_no, name, parent_agent_no, level, first_agent_no, agent_path, accessid, secret_sealed, notify_url, enabled, rate_limit_per_second, created_at)
                VALUES (@AgentNo, @Name, @ParentAgentNo, @level, @first, @path, @accessid, @sealedSecret, @NotifyUrl, @enabled, @RateLimitPerSecond, @at)
                ON CONFLICT (agent_no) DO NOTHING
                """,
                new
                {
                    body.AgentNo, body.Name, body.ParentAgentNo, body.NotifyUrl, body.RateLimitPerSecond,
                    level = parent.Path is null ? 1 : parent.Level + 1,
                    first = parent.Path is null ? body.AgentNo : parent.First,
                    path = (parent.Path ?? "/") + body.AgentNo + "/",
                    accessid,
                    sealedSecret,
                    enabled = body.Enabled ?? true ? 1 : 0,
                    at = now.ToString("O"),
                },
                transaction);
        });

    /// <summary>Changes name, notify URL, enabled and rate limit; a new name is written into the answer rows of its cases. Null when there is no such agent.</summary>
    public RiskAgentView? Update(string agentNo, RiskAgentChange body)
    {
        using var connection = database.Open();
        using (var transaction = database.BeginWrite(connection))
        {
            var renamed = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM risk_agents WHERE agent_no = @agentNo AND name <> @Name", new { agentNo, body.Name }, transaction) == 1;
            var updated = connection.Execute(
                "UPDATE risk_agents SET name = @Name, notify_url = @NotifyUrl, enabled = @enabled, rate_limit_per_second = @RateLimitPerSecond WHERE agent_no = @agentNo",
                new { agentNo, body.Name, body.NotifyUrl, enabled = body.Enabled ?? true ? 1 : 0, body.RateLimitPerSecond },
                transaction);
            if (updated == 0)
            {
                return null;
            }

            if (renamed)
            {
                // The agent's name is in the answer rows of its cases (agentName, firstAgentName).
                RiskCaseStore.RenderAll(connection, transaction, agentNo);
            }

            transaction.Commit();
        }

        return connection.QuerySingle<RiskAgentView>($"SELECT {Columns} FROM risk_agents WHERE agent_no = @agentNo", new { agentNo });
    }

    /// <summary>Replaces the agent's accessid and secret; false when there is no such agent.</summary>
    public bool SetCredentials(string agentNo, string accessid, string sealedSecret) =>
        database.Write((connection, transaction) => connection.Execute(
            "UPDATE risk_agents SET accessid = @accessid, secret_sealed = @sealedSecret WHERE agent_no = @agentNo",
            new { agentNo, accessid, sealedSecret },
            transaction)) == 1;

    /// <summary>Merchants, up to 1000 (of one direct agent, when given).</summary>
    public List<RiskMerchantChange> Merchants(string? agentNo)
    {
        using var connection = database.Open();
        return connection.Query<RiskMerchantChange>(
            """
            SELECT merc_num AS MercNum, merc_name AS MercName, agent_no AS AgentNo, legal_person AS LegalPerson, legal_phone AS LegalPhone,
                   merc_create_time AS MercCreateTime, prov_code AS ProvCode, city_code AS CityCode, area_code AS AreaCode
            FROM risk_merchants WHERE @agentNo IS NULL OR agent_no = @agentNo ORDER BY merc_num LIMIT 1000
            """,
            new { agentNo }).ToList();
    }

    /// <summary>Adds the merchant under its agent: 1 when added, 0 when the mercNum is taken, -1 when there is no such agent.</summary>
    public int CreateMerchant(RiskMerchantChange body, DateTimeOffset now) =>
        database.Write((connection, transaction) =>
        {
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM risk_agents WHERE agent_no = @AgentNo", body, transaction) == 0)
            {
                return -1;
            }

            return connection.Execute(
                """
                INSERT INTO risk_merchants (merc_num, merc_name, agent_no, legal_person, legal_phone, merc_create_time, prov_code, city_code, area_code)
                VALUES (@MercNum, @MercName, @AgentNo, @LegalPerson, @LegalPhone, @created, @provCode, @cityCode, @areaCode)
                ON CONFLICT (merc_num) DO NOTHING
                """,
                new
                {
                    body.MercNum, body.MercName, body.AgentNo, body.LegalPerson, body.LegalPhone,
                    created = body.MercCreateTime ?? RiskCaseStore.CstNow(now),
                    provCode = body.ProvCode ?? "", cityCode = body.CityCode ?? "", areaCode = body.AreaCode ?? "",
                },
                transaction);
        });
}
