using System.Text;
using PayHub.Admin;
using PayHub.Secrets;

namespace PayHub.Agreements;

/// <summary>Admin resources of the front-end systems that call the gateway: <c>/admin/front-ends</c>, their HMAC secrets and rate limits.</summary>
public static class FrontEndAdminApi
{
    public static RouteGroupBuilder MapFrontEndAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/front-ends").WithTags("Agreement gateway: front-ends");
        group.MapGet("", (FrontEndStore store) => TypedResults.Ok(store.Views()))
            .WithName("ListFrontEnds").WithSummary("Every front-end, secrets shown only by prefix");

        group.MapPost("", (FrontEndChange body, FrontEndStore store, SecretBox box, FrontEndDirectory directory, TimeProvider clock) =>
        {
            var errors = Check(body);
            if (body.ClientId is not { Length: >= 1 and <= 64 } || !body.ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors["clientId"] = ["1 to 64 letters, digits, - or _"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var secret = SecretHasher.NewSecret("dsp");
            var inserted = store.Create(body, box.Seal(Encoding.UTF8.GetBytes(secret)), SecretHasher.Prefix(secret), clock.GetUtcNow());
            directory.Invalidate(); // a lookup of this client id before it existed may be cached as "unknown"
            return !inserted
                ? AdminApi.Conflict($"Front-end {body.ClientId} exists")
                : Results.Created($"/admin/front-ends/{body.ClientId}", new FrontEndSecretIssued(body.ClientId!, secret));
        }).WithName("CreateFrontEnd").Produces<FrontEndSecretIssued>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Registers a front-end; answers its HMAC secret once");

        group.MapPut("/{clientId}", (string clientId, FrontEndChange body, FrontEndStore store, FrontEndDirectory directory) =>
        {
            if (AdminApi.Invalid(Check(body)) is { } invalid)
            {
                return invalid;
            }

            var updated = store.Update(clientId, body);
            directory.Invalidate();
            return updated is null ? AdminApi.NotFound("No front-end " + clientId) : Results.Ok(updated);
        }).WithName("UpdateFrontEnd").Produces<FrontEndView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Changes a front-end's name and rate limit (null: no limit)");

        group.MapPost("/{clientId}/secret", (string clientId, int? overlapSeconds, FrontEndStore store, SecretBox box, FrontEndDirectory directory, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            var until = AdminApi.OverlapUntil(errors, overlapSeconds, clock);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var secret = SecretHasher.NewSecret("dsp");
            var updated = store.SetSecret(clientId, box.Seal(Encoding.UTF8.GetBytes(secret)), SecretHasher.Prefix(secret), until);
            directory.Invalidate();
            return !updated ? AdminApi.NotFound("No front-end " + clientId) : Results.Ok(new FrontEndSecretIssued(clientId, secret));
        }).WithName("RotateFrontEndSecret").Produces<FrontEndSecretIssued>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Replaces the HMAC secret; the old one stops at once, or with ?overlapSeconds=N keeps working N seconds more (other nodes follow within 5 s)");

        foreach (var (action, enabled) in (ReadOnlySpan<(string, bool)>)[("disable", false), ("enable", true)])
        {
            group.MapPost("/{clientId}/" + action, (string clientId, FrontEndStore store, FrontEndDirectory directory) =>
            {
                var updated = store.SetEnabled(clientId, enabled);
                directory.Invalidate();
                return updated ? Results.Ok(store.Views().Single(v => v.ClientId == clientId)) : AdminApi.NotFound("No front-end " + clientId);
            }).WithName(enabled ? "EnableFrontEnd" : "DisableFrontEnd").Produces<FrontEndView>(200).ProducesProblem(404).ProducesProblem(403)
                .WithSummary(enabled ? "Takes a disabled front-end's requests again" : "Its requests are refused as an unknown ClientID's are, until it is enabled");
        }

        return admin;
    }

    private static Dictionary<string, string[]> Check(FrontEndChange body)
    {
        var errors = new Dictionary<string, string[]>();
        AdminApi.CheckName(errors, body.Name);

        AdminApi.CheckRateLimit(errors, body.RateLimitPerSecond);

        return errors;
    }
}
