using System.Security.Cryptography;
using System.Text;
using PayHub.Admin;
using PayHub.Secrets;

namespace PayHub.RiskCases;

/// <summary>Admin resources of the agent tree and merchants: <c>/admin/agents</c> (accessid, secret, notify URL, rate limit) and <c>/admin/merchants</c>.</summary>
public static class RiskAgentAdminApi
{
    public static RouteGroupBuilder MapRiskAgentAdmin(this RouteGroupBuilder admin)
    {
        var agents = admin.MapGroup("/agents").WithTags("Risk cases: agents and merchants");
        agents.MapGet("", (RiskAgentStore store, string? parentAgentNo) => TypedResults.Ok(store.Views(parentAgentNo)))
            .WithName("ListRiskAgents").WithSummary("Agents in tree order (?parentAgentNo= for one agent's children)");

        agents.MapPost("", (RiskAgentChange body, RiskAgentStore store, SecretBox box, RiskAgentDirectory directory, TimeProvider clock) =>
        {
            var errors = Check(body, store.Sandbox);
            if (body.AgentNo is not { Length: >= 1 and <= 32 } || !body.AgentNo.All(char.IsAsciiLetterOrDigit))
            {
                errors["agentNo"] = ["1 to 32 letters or digits"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var (accessid, secret) = NewCredentials();
            var inserted = store.Create(body, accessid, box.Seal(Encoding.UTF8.GetBytes(secret)), clock.GetUtcNow());
            if (inserted < 0)
            {
                return AdminApi.Invalid(new() { ["parentAgentNo"] = ["no such agent"] })!;
            }

            directory.Invalidate();
            return inserted == 0
                ? AdminApi.Conflict($"Agent {body.AgentNo} exists")
                : Results.Created($"/admin/agents/{body.AgentNo}", new RiskCredentials(body.AgentNo!, accessid, secret));
        }).WithName("CreateRiskAgent").Produces<RiskCredentials>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds an agent under its parent (or at the top); answers its accessid and secret once");

        agents.MapPut("/{agentNo}", (string agentNo, RiskAgentChange body, RiskAgentStore store, RiskAgentDirectory directory) =>
        {
            if (AdminApi.Invalid(Check(body, store.Sandbox)) is { } invalid)
            {
                return invalid;
            }

            var updated = store.Update(agentNo, body);
            directory.Invalidate();
            return updated is null ? AdminApi.NotFound("No agent " + agentNo) : Results.Ok(updated);
        }).WithName("UpdateRiskAgent").Produces<RiskAgentView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Changes name, notify URL, enabled and rate limit (the tree place stays)");

        agents.MapPost("/{agentNo}/secret", (string agentNo, int? overlapSeconds, RiskAgentStore store, SecretBox box, RiskAgentDirectory directory, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            var until = AdminApi.OverlapUntil(errors, overlapSeconds, clock);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var (accessid, secret) = NewCredentials();
            var updated = store.SetCredentials(agentNo, accessid, box.Seal(Encoding.UTF8.GetBytes(secret)), until);
            directory.Invalidate();
            return !updated ? AdminApi.NotFound("No agent " + agentNo) : Results.Ok(new RiskCredentials(agentNo, accessid, secret));
        }).WithName("RotateRiskAgentSecret").Produces<RiskCredentials>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("A new accessid and secret; the old ones stop at once, or with ?overlapSeconds=N keep working N seconds more (other nodes follow within 5 s)");

        var merchants = admin.MapGroup("/merchants").WithTags("Risk cases: agents and merchants");
        merchants.MapGet("", (RiskAgentStore store, string? agentNo) => TypedResults.Ok(store.Merchants(agentNo)))
            .WithName("ListRiskMerchants").WithSummary("Merchants (?agentNo= for one agent's own)");

        merchants.MapPost("", (RiskMerchantChange body, RiskAgentStore store, TimeProvider clock) =>
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

            var inserted = store.CreateMerchant(body, clock.GetUtcNow());
            if (inserted < 0)
            {
                return AdminApi.Invalid(new() { ["agentNo"] = ["no such agent"] })!;
            }

            return inserted == 0 ? AdminApi.Conflict($"Merchant {body.MercNum} exists") : Results.Created($"/admin/merchants/{body.MercNum}", body);
        }).WithName("CreateRiskMerchant").Produces<RiskMerchantChange>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Adds a merchant under its direct agent");

        return admin;
    }

    private static Dictionary<string, string[]> Check(RiskAgentChange body, bool sandbox)
    {
        var errors = new Dictionary<string, string[]>();
        AdminApi.CheckName(errors, body.Name);

        var inbox = sandbox && body.NotifyUrl is { } notify && Sandbox.SandboxInbox.IsInboxUrl(notify) && Sandbox.SandboxInbox.IsName(notify[Sandbox.SandboxInbox.UrlPrefix.Length..]);
        if (body.NotifyUrl is not null && !inbox && (!Uri.TryCreate(body.NotifyUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors["notifyUrl"] = [sandbox ? "an absolute http or https URL, sandbox:inbox/{name}, or null for no push" : "an absolute http or https URL, or null for no push"];
        }

        AdminApi.CheckRateLimit(errors, body.RateLimitPerSecond);

        return errors;
    }

    private static (string Accessid, string Secret) NewCredentials() =>
        (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), SecretHasher.NewSecret("rsk"));
}
