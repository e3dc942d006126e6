using PayHub.Admin;
using PayHub.Secrets;

namespace PayHub.Utility;

/// <summary>Admin resources for the banks: <c>/admin/institutions</c>, their API keys, cipher keys and rate limits.</summary>
public static class InstitutionAdminApi
{
    public static RouteGroupBuilder MapInstitutionAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/institutions").WithTags("Utility billing: institutions");

        group.MapGet("", (InstitutionStore store) => TypedResults.Ok(store.Views()))
            .WithName("ListInstitutions").WithSummary("Every institution, keys shown only by prefix");

        group.MapGet("/{instId}", (string instId, InstitutionStore store) =>
            store.View(instId) is { } view ? Results.Ok(view) : AdminApi.NotFound("No institution " + instId))
            .WithName("GetInstitution").Produces<InstitutionView>(200).ProducesProblem(404).WithSummary("One institution");

        group.MapPost("", (InstitutionCreate body, InstitutionStore store, SecretHasher hasher, SecretBox box, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.InstId is not { Length: >= 1 and <= 32 } || !body.InstId.All(char.IsAsciiLetterOrDigit))
            {
                errors["instId"] = ["1 to 32 letters or digits"];
            }

            CheckCommon(errors, body.Name, body.BlockKeyHex, body.TripleDesKeyHex, body.RateLimitPerSecond);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var apiKey = SecretHasher.NewSecret("uak");
            var inserted = store.Create(body, hasher.Hash(apiKey), SecretHasher.Prefix(apiKey), Seal(box, body.BlockKeyHex), Seal(box, body.TripleDesKeyHex), clock.GetUtcNow());
            return !inserted
                ? AdminApi.Conflict($"Institution {body.InstId} exists")
                : Results.Created($"/admin/institutions/{body.InstId}", new ApiKeyIssued(body.InstId!, apiKey, SecretHasher.Prefix(apiKey)));
        }).WithName("CreateInstitution").Produces<ApiKeyIssued>(201).ProducesProblem(409).ProducesValidationProblem().ProducesProblem(403).WithSummary("Registers a bank; answers its API key once");

        group.MapPut("/{instId}", (string instId, InstitutionUpdate body, InstitutionStore store, SecretBox box, InstitutionDirectory directory) =>
        {
            var errors = new Dictionary<string, string[]>();
            CheckCommon(errors, body.Name, body.BlockKeyHex, body.TripleDesKeyHex, body.RateLimitPerSecond);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var updated = store.Update(instId, body, Seal(box, body.BlockKeyHex), Seal(box, body.TripleDesKeyHex));
            directory.Invalidate();
            return !updated ? AdminApi.NotFound("No institution " + instId) : Results.Ok(store.View(instId));
        }).WithName("UpdateInstitution").Produces<InstitutionView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("Changes name, rate limit and cipher keys");

        group.MapPost("/{instId}/api-key", (string instId, int? overlapSeconds, InstitutionStore store, SecretHasher hasher, InstitutionDirectory directory, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            var until = AdminApi.OverlapUntil(errors, overlapSeconds, clock);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var apiKey = SecretHasher.NewSecret("uak");
            var updated = store.SetApiKey(instId, hasher.Hash(apiKey), SecretHasher.Prefix(apiKey), until);
            directory.Invalidate();
            return !updated ? AdminApi.NotFound("No institution " + instId) : Results.Ok(new ApiKeyIssued(instId, apiKey, SecretHasher.Prefix(apiKey)));
        }).WithName("RotateInstitutionApiKey").Produces<ApiKeyIssued>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403)
            .WithSummary("Replaces the API key; the old one stops at once, or with ?overlapSeconds=N keeps working N seconds more (other nodes follow within 5 s)");

        group.MapPost("/{instId}/disable", (string instId, InstitutionStore store, InstitutionDirectory directory) => Enable(instId, false, store, directory))
            .WithName("DisableInstitution").Produces<InstitutionView>(200).ProducesProblem(403).WithSummary("Its requests are refused as an unknown key's are (EGG0001), until it is enabled");
        group.MapPost("/{instId}/enable", (string instId, InstitutionStore store, InstitutionDirectory directory) => Enable(instId, true, store, directory))
            .WithName("EnableInstitution").Produces<InstitutionView>(200).ProducesProblem(403).WithSummary("Takes a disabled institution's requests again");

        return admin;
    }

    private static IResult Enable(string instId, bool enabled, InstitutionStore store, InstitutionDirectory directory)
    {
        var updated = store.SetEnabled(instId, enabled);
        directory.Invalidate();
        return updated ? Results.Ok(store.View(instId)) : AdminApi.NotFound("No institution " + instId);
    }

    private static void CheckCommon(Dictionary<string, string[]> errors, string? name, string? blockKeyHex, string? tripleDesKeyHex, int? rateLimit)
    {
        AdminApi.CheckName(errors, name);

        if (blockKeyHex is not null && !IsHex(blockKeyHex, 32))
        {
            errors["blockKeyHex"] = ["32 hex digits (a 16-byte SM4/AES key)"];
        }

        if (tripleDesKeyHex is not null && !IsHex(tripleDesKeyHex, 48))
        {
            errors["tripleDesKeyHex"] = ["48 hex digits (a 24-byte 3DES key)"];
        }

        AdminApi.CheckRateLimit(errors, rateLimit);
    }

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);

    private static string? Seal(SecretBox box, string? hex) => hex is null ? null : box.Seal(Convert.FromHexString(hex));
}
