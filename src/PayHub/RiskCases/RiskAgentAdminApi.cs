using System.Security.Cryptography;
using System.Text;
using Dapper;
using PayHub.Admin;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.RiskCases;

/// <summary>Admin resources of the agent tree and merchants: <c>/admin/agents</c> (accessid, secret, notify URL, rate limit) and <c>/admin/merchants</c>.</summary>
public static class RiskAgentAdminApi
{
    private const string Columns =
        "agent_no AS AgentNo, name AS Name, parent_agent_no AS ParentAgentNo, level AS Level, first_agent_no AS FirstAgentNo, accessid AS Accessid, " +
        "notify_url AS NotifyUrl, enabled = 1 AS Enabled, rate_limit_per_second AS RateLimitPerSecond";

    public static RouteGroupBuilder MapRiskAgentAdmin(this RouteGroupBuilder admin)
    {
        var agents = admin.MapGroup("/agents").WithTags("Risk cases: agents and merchants");
        agents.MapGet("", (Database database, string? parentAgentNo) =>
        {
            using var connection = database.Open();
            return TypedResults.Ok(connection.Query<RiskAgentView>(
                $"SELECT {Columns} FROM risk_agents WHERE @parentAgentNo IS NULL OR parent_agent_no = @parentAgentNo ORDER BY agent_path LIMIT 1000", new { parentAgentNo }).ToList());
        }).WithName("ListRiskAgents").WithSummary("Agents in tree order (?parentAgentNo= for one agent's children)");

        agents.MapPost("", (RiskAgentChange body, Database database, SecretBox box, RiskAgentDirectory directory, TimeProvider clock) =>
        {
            var errors = Check(body);
            if (body.AgentNo is not { Length: >= 1 and <= 32 } || !body.AgentNo.All(char.IsAsciiLetterOrDigit))
            {
                errors["agentNo"] = ["1 to 32 letters or digits"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var (accessid, secret) = NewCredentials();
            var inserted = database.Write((connection, transaction) =>
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
                VALUES (@AgentNo, @Name, @ParentAgentNo, @level, @first, @path, @accessid, @secret, @NotifyUrl, @enabled, @RateLimitPerSecond, @at)
                ON CONFLICT (agent_no) DO NOTHING
                """,
                new
                {
                    body.AgentNo, body.Name, body.ParentAgentNo, body.NotifyUrl, body.RateLimitPerSecond,
                    level = parent.Path is null ? 1 : parent.Level + 1,
                    first = parent.Path is null ? body.AgentNo : parent.First,
                    path = (parent.Path ?? "/") + body.AgentNo + "/",
                    accessid,
                    secret = box.Seal(Encoding.UTF8.GetBytes(secret)),
                    enabled = body.Enabled ?? true ? 1 : 0,
                    at = clock.GetUtcNow().ToString("O"),
                },
                transaction);
            });
            if (inserted < 0)
            {
                return AdminApi.Invalid(new() { ["parentAgentNo"] = ["no such agent"] })!;
            }

            directory.Invalidate();
            return inserted == 0
                ? AdminApi.Conflict($"Agent {body.AgentNo} exists")
                : Results.Created($"/admin/agents/{body.AgentNo}", new RiskCredentials(body.AgentNo!, accessid, secret));
        }).WithName("CreateRiskAgent").WithSummary("Adds an agent under its parent (or at the top); answers its accessid and secret once");

        agents.MapPut("/{agentNo}", (string agentNo, RiskAgentChange body, Database database, RiskAgentDirectory directory) =>
        {
            if (AdminApi.Invalid(Check(body)) is { } invalid)
            {
                return invalid;
            }

            using var connection = database.Open();
            using var transaction = database.BeginWrite(connection);
            var renamed = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM risk_agents WHERE agent_no = @agentNo AND name <> @Name", new { agentNo, body.Name }, transaction) == 1;
            var updated = connection.Execute(
                "UPDATE risk_agents SET name = @Name, notify_url = @NotifyUrl, enabled = @enabled, rate_limit_per_second = @RateLimitPerSecond WHERE agent_no = @agentNo",
                new { agentNo, body.Name, body.NotifyUrl, enabled = body.Enabled ?? true ? 1 : 0, body.RateLimitPerSecond },
                transaction);
            if (renamed)
            {
                // The agent's name is in the answer rows of its cases (agentName, firstAgentName).
                RiskCaseStore.RenderAll(connection, transaction, agentNo);
            }

            transaction.Commit();
            directory.Invalidate();
            return updated == 0
                ? AdminApi.NotFound("No agent " + agentNo)
                : Results.Ok(connection.QuerySingle<RiskAgentView>($"SELECT {Columns} FROM risk_agents WHERE agent_no = @agentNo", new { agentNo }));
        }).WithName("UpdateRiskAgent").WithSummary("Changes name, notify URL, enabled and rate limit (the tree place stays)");

        agents.MapPost("/{agentNo}/secret", (string agentNo, Database database, SecretBox box, RiskAgentDirectory directory) =>
        {
            var (accessid, secret) = NewCredentials();
            var updated = database.Write((connection, transaction) => connection.Execute(
                "UPDATE risk_agents SET accessid = @accessid, secret_sealed = @secret WHERE agent_no = @agentNo",
                new { agentNo, accessid, secret = box.Seal(Encoding.UTF8.GetBytes(secret)) },
                transaction));
            directory.Invalidate();
            return updated == 0 ? AdminApi.NotFound("No agent " + agentNo) : Results.Ok(new RiskCredentials(agentNo, accessid, secret));
        }).WithName("RotateRiskAgentSecret").WithSummary("A new accessid and secret; the old ones stop working (at once on this node)");

        var merchants = admin.MapGroup("/merchants").WithTags("Risk cases: agents and merchants");
        merchants.MapGet("", (Database database, string? agentNo) =>
        {
            using var connection = database.Open();
            return TypedResults.Ok(connection.Query<RiskMerchantChange>(
                """
                SELECT merc_num AS MercNum, merc_name AS MercName, agent_no AS AgentNo, legal_person AS LegalPerson, legal_phone AS LegalPhone,
                       merc_create_time AS MercCreateTime, prov_code AS ProvCode, city_code AS CityCode, area_code AS AreaCode
                FROM risk_merchants WHERE @agentNo IS NULL OR agent_no = @agentNo ORDER BY merc_num LIMIT 1000
                """,
                new { agentNo }).ToList());
        }).WithName("ListRiskMerchants").WithSummary("Merchants (?agentNo= for one agent's own)");

        merchants.MapPost("", (RiskMerchantChange body, Database database, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.MercNum is not { Length: >= 1 and <= 32 } || !body.MercNum.All(char.IsAsciiLetterOrDigit))
            {
                errors["mercNum"] = ["1 to 32 letters or digits"];
            }

            foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)[("mercName", body.MercName), ("agentNo", body.AgentNo), ("legalPerson", body.LegalPerson), ("legalPhone", body.LegalPhone)])
            {
                AdminApi.CheckName(errors, value, name);
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var inserted = database.Write((connection, transaction) =>
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
                    created = body.MercCreateTime ?? RiskCaseStore.CstNow(clock.GetUtcNow()),
                    provCode = body.ProvCode ?? "", cityCode = body.CityCode ?? "", areaCode = body.AreaCode ?? "",
                },
                transaction);
            });
            if (inserted < 0)
            {
                return AdminApi.Invalid(new() { ["agentNo"] = ["no such agent"] })!;
            }

            return inserted == 0 ? AdminApi.Conflict($"Merchant {body.MercNum} exists") : Results.Created($"/admin/merchants/{body.MercNum}", body);
        }).WithName("CreateRiskMerchant").WithSummary("Adds a merchant under its direct agent");

        return admin;
    }

    private static Dictionary<string, string[]> Check(RiskAgentChange body)
    {
        var errors = new Dictionary<string, string[]>();
        AdminApi.CheckName(errors, body.Name);

        if (body.NotifyUrl is not null && (!Uri.TryCreate(body.NotifyUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors["notifyUrl"] = ["an absolute http or https URL, or null for no push"];
        }

        AdminApi.CheckRateLimit(errors, body.RateLimitPerSecond);

        return errors;
    }

    private static (string Accessid, string Secret) NewCredentials() =>
        (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), SecretHasher.NewSecret("rsk"));
}
